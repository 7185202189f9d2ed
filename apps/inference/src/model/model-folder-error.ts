/** A model folder that cannot be used: names the folder, the file and what is wrong with it. */
export class ModelFolderError extends Error {
  override readonly name = 'ModelFolderError';

  constructor(
    readonly dir: string,
    readonly file: string,
    readonly problem: string,
  ) {
    super(`model folder ${dir}: ${file}: ${problem}`);
  }
}
