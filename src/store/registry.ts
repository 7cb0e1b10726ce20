import { LatheError } from '../errors.js';
import type { ArtifactStore } from './artifact-store.js';
import type { MetadataStore } from './metadata-store.js';

/** Opens a store from the part of its URI after the scheme. */
export type StoreOpener<T> = (uri: URL) => Promise<T>;

const metadataOpeners = new Map<string, StoreOpener<MetadataStore>>();
const artifactOpeners = new Map<string, StoreOpener<ArtifactStore>>();

/** Registers a metadata store implementation for a URI scheme such as `sqlite`. */
export function registerMetadataStore(scheme: string, open: StoreOpener<MetadataStore>): void {
  metadataOpeners.set(scheme, open);
}

/** Registers an artifact store implementation for a URI scheme such as `file`. */
export function registerArtifactStore(scheme: string, open: StoreOpener<ArtifactStore>): void {
  artifactOpeners.set(scheme, open);
}

/** Opens a metadata store by URI, e.g. `sqlite:/home/me/.lathe/lathe.db`. */
export async function openMetadataStore(uri: string): Promise<MetadataStore> {
  return openWith(metadataOpeners, 'metadata', uri);
}

/** Opens an artifact store by URI, e.g. `file:/home/me/.lathe/artifacts`. */
export async function openArtifactStore(uri: string): Promise<ArtifactStore> {
  return openWith(artifactOpeners, 'artifact', uri);
}

function openWith<T>(openers: Map<string, StoreOpener<T>>, kind: string, uri: string): Promise<T> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (cause) {
    throw new LatheError('BAD_INPUT', `${kind} store URI "${uri}" does not parse`, {
      hint: `write scheme:path, with a scheme from: ${[...openers.keys()].join(', ')}`,
      cause,
    });
  }
  const scheme = url.protocol.replace(/:$/, '');
  const open = openers.get(scheme);
  if (!open) {
    throw new LatheError('BAD_INPUT', `unknown ${kind} store scheme "${scheme}"`, {
      hint: `known schemes: ${[...openers.keys()].sort().join(', ')}`,
    });
  }
  return open(url);
}
