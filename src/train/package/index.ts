export { writePackage, loadPackage, PACKAGE_FORMAT, type ModelDocument, type SignatureInput, type StoredPackage } from './model-package.js';
export { extractArrays, restoreArrays } from './sidecar.js';
