/** What every snippet variant is built from. */
export interface SnippetContext {
  /** Where the gateway serves the widget script, e.g. https://chat.example.com */
  origin: string;
  botKey: string;
}

/**
 * One way of embedding the widget. The list is the extension point: identity verification for
 * signed-in visitors adds a variant here (its server-side signing code and the attributes the
 * tag then carries) without touching the page that shows them.
 */
export interface SnippetVariant {
  id: string;
  title: string;
  description: string;
  /** Each block is shown with its own copy button: [language, code]. */
  blocks(context: SnippetContext): { label: string; language: string; code: string }[];
}

export const scriptTag = ({ origin, botKey }: SnippetContext, extraAttributes = ''): string =>
  [
    '<script',
    `  src="${origin}/widget/cxgenie-widget.js"`,
    `  data-bot-key="${botKey}"${extraAttributes}`,
    '  async',
    '></script>',
  ].join('\n');

export const SNIPPET_VARIANTS: SnippetVariant[] = [
  {
    id: 'anonymous',
    title: 'Every visitor',
    description:
      'Paste this before </body> on every page where the chat should appear. Visitors chat anonymously; they can leave their email in the chat.',
    blocks: (context) => [{ label: 'HTML', language: 'html', code: scriptTag(context) }],
  },
  {
    id: 'verified',
    title: 'Signed-in visitors',
    description:
      "For pages where your visitors are signed in: your server signs each visitor id with the bot's identity secret (Bot settings → identity verification, shown once), so their conversation follows them across devices and nobody else can open it.",
    blocks: (context) => [
      {
        label: 'Server (Node.js)',
        language: 'js',
        code: [
          "import { createHmac } from 'node:crypto';",
          '',
          '// CXGENIE_IDENTITY_SECRET: the secret the dashboard showed once. Never send it to the browser.',
          'const visitorHash = (userId) =>',
          "  createHmac('sha256', process.env.CXGENIE_IDENTITY_SECRET).update(String(userId)).digest('hex');",
        ].join('\n'),
      },
      {
        label: 'HTML',
        language: 'html',
        code: scriptTag(
          context,
          '\n  data-visitor-id="<%= user.id %>"\n  data-visitor-hash="<%= visitorHash(user.id) %>"',
        ),
      },
    ],
  },
];
