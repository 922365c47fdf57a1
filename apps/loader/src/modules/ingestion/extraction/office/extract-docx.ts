import mammoth from 'mammoth';
import { htmlToStructuredText } from '@cxgenie/text-processing';
import { IngestFailure } from '../../ingestion.exception';
import type { ExtractedDocument, ExtractionLimits } from '../extracted-document';
import { assertZipIsSafe } from './zip-guard';

// Images carry no text; mammoth would otherwise inline every one as a base64 data URI.
const DROP_IMAGES = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * A Word document through mammoth's semantic HTML (headings from the Heading styles, lists,
 * tables) into the same structured text as a web page.
 */
export async function extractDocx(
  bytes: Buffer,
  limits: ExtractionLimits,
): Promise<ExtractedDocument> {
  await assertZipIsSafe(bytes, 'Word document', limits);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { convertImage: DROP_IMAGES })).value;
  } catch (error) {
    throw new IngestFailure(
      'corrupt',
      `the Word document is damaged or not a .docx (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const { text } = htmlToStructuredText(`<body>${html}</body>`);
  return { format: 'docx', title: '', pageCount: null, pages: [{ number: null, text }] };
}
