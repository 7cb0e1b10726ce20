/**
 * Registers the built-in sources. The database drivers are imported only
 * when a source of that scheme is opened, so `lathe --help` stays fast.
 */
import { registerSource } from './registry.js';
import { httpSourceFactory } from './sources/http-source.js';
import { mysqlSourceFactory } from './sources/mysql-source.js';
import { postgresSourceFactory } from './sources/postgres-source.js';

registerSource(postgresSourceFactory);
registerSource(mysqlSourceFactory);
registerSource(httpSourceFactory);
