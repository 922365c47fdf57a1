/** One file of a multipart upload, as multer's memory storage leaves it. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

export interface UploadDocumentsCommand {
  botId: string;
  files: UploadedFile[];
}
