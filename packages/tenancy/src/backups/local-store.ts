import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

import { ArchiveError } from '../archive';
import { checkKey, type BackupStore, type StoredObject } from './backup-store';

/**
 * A backup store in a local directory (development, or a mounted volume): `<dir>/<clinic id>/`.
 * A file is copied in as `.partial` and renamed, so a crash never leaves a half backup listed.
 */
export function localBackupStore(dir: string): BackupStore {
  const root = path.resolve(dir);
  const at = (key: string) => path.join(root, checkKey(key));
  return {
    location: root,
    async put(key, file) {
      const target = at(key);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(file, `${target}.partial`);
      await rename(`${target}.partial`, target);
      return { bytes: (await stat(target)).size };
    },
    async list(clinicId) {
      const folder = path.join(root, clinicId);
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const objects: StoredObject[] = [];
      for (const name of names.filter((n) => !n.endsWith('.partial')).sort()) {
        const info = await stat(path.join(folder, name));
        objects.push({ key: `${clinicId}/${name}`, bytes: info.size, modifiedAt: info.mtime });
      }
      return objects;
    },
    async read(key): Promise<Readable> {
      const file = at(key);
      try {
        await stat(file);
      } catch {
        throw new ArchiveError('BACKUP_NOT_FOUND', `No backup object ${key} in ${root}.`);
      }
      return createReadStream(file);
    },
    async delete(key) {
      await rm(at(key), { force: true });
    },
  };
}
