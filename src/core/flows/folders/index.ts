// Folders: named groups of domains with a settings template. One file per use case; add a line per new flow file.
export {
  NO_FOLDER_NAME, MAX_FOLDER_NAME_LENGTH, type FolderView, type EnabledKeys,
} from './folder-access.ts';
export { createFolder, type CreateFolderInput, type FolderRef } from './create-folder.ts';
export { renameFolder, type RenameFolderInput } from './rename-folder.ts';
export { deleteFolders, MAX_DELETE_FOLDERS, type DeleteFoldersInput, type DeleteFoldersResult } from './delete-folders.ts';
export { listFolders, type ListFoldersInput, type ListFoldersResult } from './list-folders.ts';
export { setFolderSetting, type SetFolderSettingInput, type SetFolderSettingResult } from './set-folder-setting.ts';
export { clearFolderSetting, type ClearFolderSettingInput } from './clear-folder-setting.ts';
export { moveDomainToFolder, type MoveDomainToFolderInput, type MoveDomainToFolderResult } from './move-domain-to-folder.ts';
