/** Folders (named groups of domains carrying a settings template). */
import { AlreadyExists, NotFound } from './base.ts';

/** Missing and another account's folder are reported alike. `ref` is the public folder id or the name. */
export class FolderNotFound extends NotFound<{ ref: string | number; param: string }> {
  readonly code = 'FOLDER_NOT_FOUND';
  constructor(ref: string | number, param = 'folder_id') {
    super(`Folder ${ref} not found in this account.`, { ref, param });
  }
}

/** Folder names are unique per account (case-sensitive, as Dynadot's set_folder matches them). */
export class FolderAlreadyExists extends AlreadyExists<{ name: string; param: string }> {
  readonly code = 'FOLDER_ALREADY_EXISTS';
  constructor(name: string) {
    super(`A folder named "${name}" already exists.`, { name, param: 'folder_name' });
  }
}
