declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';
  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    logPath?: string;
    configPath?: string;
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  /** Returns an express 4 application speaking the CouchDB replication protocol. */
  function expressPouchDB(
    pouch: new (name: string) => PouchDB.Database,
    options?: ExpressPouchDBOptions,
  ): RequestHandler;
  export default expressPouchDB;
}
