/*
 * Answers shaped like what the support bot streams: markdown paragraphs, bulleted and numbered
 * lists, bold labels, one code block. Written for this project (no customer data); the products,
 * prices and addresses are made up. Lengths run from about 60 to about 400 words, 2–6 paragraphs.
 */

export interface SupportAnswer {
  topic: string;
  text: string;
}

export const SUPPORT_ANSWERS: readonly SupportAnswer[] = [
  {
    topic: 'password reset',
    text: `No problem, resetting your password only takes a minute. On the sign-in page, click **Forgot password?**, enter the email address you registered with and we will send you a reset link.

The link is valid for 30 minutes and can only be used once. If it has expired, just request a new one from the same page.

If the email does not arrive within five minutes, check your spam or promotions folder, and make sure the address is spelled exactly as it was when you created the account.`,
  },
  {
    topic: 'refund timing',
    text: `Thanks for your patience, and sorry for the wait on your refund for order #48213.

I can see the refund was approved on March 4 and sent back to the card ending in 4417. Refunds go back to the original payment method, and how long they take to show up depends on your bank:

- **Credit and debit cards:** 5–10 business days
- **PayPal:** usually within 24 hours
- **Store credit:** instantly

If it has been more than 10 business days, your bank can trace it with the reference number REF-93817-KQ. Let me know if you would like me to email you a copy of the refund receipt.`,
  },
  {
    topic: 'install the chat widget',
    text: `To add the chat widget to your website, paste the snippet below just before the closing \`</body>\` tag on every page where you want the chat bubble to appear. If you use a site builder, look for a setting called "custom code" or "footer scripts".

\`\`\`html
<script src="https://widget.example.com/loader.js" async></script>
<script>
  window.SupportWidget = window.SupportWidget || [];
  SupportWidget.push(['init', {
    botId: 'YOUR_BOT_ID',
    locale: 'en',
    position: 'bottom-right'
  }]);

  // Optional: identify signed-in customers so agents see their history.
  SupportWidget.push(['identify', { email: 'customer@example.com' }]);
</script>
\`\`\`

Replace \`YOUR_BOT_ID\` with the ID shown under **Settings → Channels → Website**. The widget loads asynchronously, so it will not slow down your page.

After saving, reload your site in a private window. If the bubble does not appear, open the browser console and look for errors mentioning the loader; the most common cause is a Content Security Policy that blocks scripts from widget.example.com. Add that domain to your \`script-src\` and \`connect-src\` directives and try again.`,
  },
  {
    topic: 'cancel subscription',
    text: `I'm sorry to hear you'd like to cancel. You can do it yourself at any time, and you won't lose access straight away.

1. Go to **Account → Billing**.
2. Click **Manage subscription**.
3. Choose **Cancel plan** and confirm.

Your plan stays active until the end of the current billing period (April 30), and you won't be charged again. Your data is kept for 90 days after that, so if you change your mind you can reactivate and pick up exactly where you left off.

If price is the reason, we also have a Lite plan at $9 a month that keeps the inbox and one bot. Happy to switch you over if that sounds useful!`,
  },
  {
    topic: 'order tracking',
    text: `Your order #77120 shipped yesterday with DHL Express, tracking number 4829 1173 0056.

The carrier's website can take up to 24 hours to show the first scan, so if the tracking page says "label created" for now, that is completely normal. The estimated delivery date is Thursday, and DHL will text you a one-hour delivery window that morning.

Not going to be home? You can pick a neighbour or a pickup point from the same tracking page.`,
  },
  {
    topic: 'damaged item return',
    text: `I'm really sorry your lamp arrived broken. That's not the experience we want you to have, and we'll make it right.

You don't need to send the damaged lamp back. Could you reply with two photos: one of the damage and one of the shipping label on the box? We use them to file a claim with the carrier, and it only takes a moment.

Once I have the photos, you can choose between:

- a replacement, shipped free with express delivery (2–3 days), or
- a full refund to your original payment method.

If you'd prefer the replacement, I'll reserve one for you right now so it doesn't sell out while we sort this out. Just let me know which option you'd like.`,
  },
  {
    topic: 'add teammates',
    text: `You can invite teammates from **Settings → Team → Invite members**. Enter one or more email addresses, pick a role, and they'll get an invitation valid for seven days.

There are three roles:

- **Owner** can manage billing, delete the workspace and do everything an admin can.
- **Admin** can configure bots, channels and integrations, and manage other members.
- **Agent** can reply to conversations and use saved replies, but cannot change settings.

Each member counts as one seat on your plan. The Growth plan includes five seats; extra seats are $15 a month each and are prorated for the rest of the billing period.

If someone says the invitation never arrived, you can resend it from the same page or copy the invite link and share it directly.`,
  },
  {
    topic: 'two-factor authentication',
    text: `Two-factor authentication adds a second step when you sign in, so someone who learns your password still can't get into your account. We strongly recommend turning it on, especially for owners and admins.

To enable it, open **Profile → Security**, click **Enable 2FA**, and scan the QR code with an authenticator app such as Google Authenticator, 1Password or Authy. Enter the six-digit code from the app to confirm.

You'll then see ten backup codes. Store them somewhere safe, like a password manager: each one works once, and they're the only way back in if you lose your phone.

Workspace owners can also make 2FA mandatory for everyone under **Settings → Security → Require two-factor authentication**. Members who haven't set it up will be asked to do so the next time they sign in.`,
  },
  {
    topic: 'shipping to Canada',
    text: `Yes, we ship to Canada! Standard international shipping takes 7–12 business days and costs $14.95, or it's free on orders over $120.

Please note that import duties and taxes may be charged by Canada Border Services when the package arrives. These are set by the Canadian government and aren't included in our prices.

If you need it sooner, express shipping (3–5 business days) is available at checkout for $29.`,
  },
  {
    topic: 'API rate limits',
    text: `The REST API allows 600 requests per minute per API key, averaged over a sliding window. Bursts are fine as long as you stay under that average.

Every response includes three headers so you can pace yourself:

- \`X-RateLimit-Limit\`: your limit per minute
- \`X-RateLimit-Remaining\`: requests left in the current window
- \`X-RateLimit-Reset\`: seconds until the window resets

If you go over the limit you'll get a \`429 Too Many Requests\` response with a \`Retry-After\` header. The best approach is to wait that many seconds and retry, adding a little random jitter if you have several workers running in parallel.

For bulk jobs such as importing a help center or backfilling contacts, use the batch endpoints instead: they accept up to 100 items per request and count as a single call. If you still need a higher limit, our Enterprise plan can raise it to 3,000 requests per minute; reply here and I'll put you in touch with the team.`,
  },
  {
    topic: 'invoice with VAT number',
    text: `You can add your company details and VAT number so they appear on every invoice.

Go to **Account → Billing → Invoice details** and fill in your legal company name, address and VAT ID. We validate EU VAT numbers against the VIES database, and once yours is verified, reverse charge applies and VAT is no longer added to your invoices.

Changes apply to future invoices only. If you need an invoice that was already issued corrected, reply with the invoice number (it starts with INV-) and I'll ask our finance team to reissue it. That usually takes one or two business days.`,
  },
  {
    topic: 'webhook signature',
    text: `Webhooks are sent as \`POST\` requests with a JSON body, and each one is signed so you can check it really came from us.

The signature is in the \`X-Signature\` header. It's an HMAC-SHA256 of the raw request body, using the signing secret shown under **Settings → Developers → Webhooks**, encoded as hex. To verify a delivery:

1. Read the raw body before any JSON parsing; reformatting the JSON changes the bytes and the signature won't match.
2. Compute the HMAC with your signing secret.
3. Compare it with the header using a constant-time comparison.
4. Reject the request if the \`X-Timestamp\` header is more than five minutes old, to prevent replays.

We expect a \`2xx\` response within ten seconds. Anything else counts as a failure, and we retry with exponential backoff for up to 24 hours: after 1 minute, 5 minutes, 30 minutes, and then every few hours.

You can see every delivery attempt, with the response code and body we received, in the webhook's **Recent deliveries** tab. From there you can also resend any event by hand, which is handy while you're developing your endpoint.`,
  },
  {
    topic: 'delete account and data',
    text: `You can ask us to delete your account and all the personal data we hold about you at any time.

To start, go to **Profile → Privacy → Delete my account**. We'll send a confirmation email to make sure the request really comes from you. Once you confirm, your account is deactivated immediately and the data is permanently erased within 30 days, including backups.

A few things to know before you go ahead:

- Deletion can't be undone, and any active subscription is cancelled without a refund for the remaining period.
- We keep invoices for seven years because tax law requires it, but they're stored separately and used for nothing else.
- Conversations you had with other businesses through their chat widgets belong to those businesses, so you'd need to contact them directly.

If you only want a copy of your data rather than deleting it, use **Download my data** on the same page instead.`,
  },
  {
    topic: 'Shopify integration',
    text: `Connecting Shopify lets the bot look up orders, shipping status and refunds for your customers without an agent stepping in.

In your dashboard, go to **Integrations → Shopify** and click **Connect**. You'll be sent to Shopify to approve the app; it only asks for read access to orders, customers and products. Once approved, you'll land back on the integrations page with a green "Connected" badge.

The first sync imports orders from the last 90 days and usually finishes within a few minutes, even for larger stores. New orders and updates arrive in real time after that.

To let the bot use the data, open your bot's settings, go to **Actions**, and switch on **Order lookup**. Customers will be asked for their order number and email before the bot shares anything, so no one can look up someone else's order.

If the connection ever breaks, for example after changing your store's domain, click **Reconnect** on the same page. Your settings and history are kept.`,
  },
  {
    topic: 'business hours auto-reply',
    text: `You can set your team's business hours under **Settings → Inbox → Business hours**. Pick your time zone, then add the hours for each day; you can add several ranges per day if you close for lunch.

Outside those hours, the bot keeps answering questions as usual. When a customer asks for a human, instead of waiting in the queue they'll see your away message, something like: "Our team is offline right now. We're back Monday at 9:00 and will reply by email."

Holidays can be added as exceptions in the same place, so you don't have to remember to change the hours around Christmas.`,
  },
  {
    topic: 'gift card balance',
    text: `You can check your gift card balance on our website under **Gift cards → Check balance**. Enter the 16-digit code and the four-digit PIN from the back of the card.

Gift cards don't expire and can be used across several orders until the balance runs out. If an order costs more than the remaining balance, you can pay the difference with any other payment method at checkout.`,
  },
  {
    topic: 'warranty claim',
    text: `All our headphones come with a two-year warranty that covers manufacturing defects, such as a failing driver, a broken hinge that wasn't dropped, or a battery that no longer holds a charge.

It doesn't cover accidental damage, water damage, or normal wear like scuffed ear cushions. Replacement cushions are sold separately in our accessories section.

To make a claim, please reply with:

1. your order number or a photo of the receipt,
2. the serial number, printed inside the left ear cup,
3. a short description of the problem, and a video if it's something we can hear or see.

Once we've confirmed the claim, we'll email you a prepaid shipping label. Repairs usually take 7–10 days from the moment the headphones reach our service center. If a repair isn't possible, we'll send you a new pair of the same model, or a comparable one if it's no longer made.`,
  },
  {
    topic: 'plan upgrade proration',
    text: `Upgrading takes effect immediately, so you can start using the new features right away.

You'll only pay the difference for the rest of the current billing period. For example, if you move from Starter ($29) to Growth ($79) halfway through the month, you'll be charged about $25 today, and then the full $79 from your next renewal date.

Downgrades work the other way round: they apply at the end of the period, and you keep the higher plan until then. No credit is issued for the unused part.`,
  },
  {
    topic: 'export conversations',
    text: `You can export conversations from **Reports → Exports**. Choose a date range, optionally filter by channel, tag or assignee, and pick a format:

- **CSV** gives one row per message, which is easiest to open in a spreadsheet.
- **JSON** keeps the full structure, including attachments, metadata and bot actions, and is best if you're importing into another tool.

Large exports are prepared in the background. You'll get an email with a download link when the file is ready, usually within a few minutes; the link stays valid for seven days.

Exports include customer names and email addresses, so only owners and admins can create them, and each export is recorded in the audit log.`,
  },
  {
    topic: 'bot answered wrongly',
    text: `Thanks for flagging this, and sorry the bot gave your customer the wrong return window. Let's get it fixed.

The bot answers from the sources you've connected, so the first step is to find where the "14 days" came from. Open the conversation in your inbox and click the **Sources** button under the bot's reply. It shows exactly which articles or snippets were used.

Most of the time it's one of these:

- an older help center article that still mentions the previous policy,
- a PDF uploaded months ago that was never removed, or
- two sources that contradict each other, in which case the bot may pick either.

Once you've updated or removed the outdated source, click **Re-sync** on the Knowledge page. Changes are usually live within a couple of minutes.

If you want certain answers to be exact every time, you can also add them as **Pinned answers**. The bot uses those word for word whenever a customer's question matches, which works well for policies, prices and legal wording. Let me know if the bot still says 14 days after the re-sync and I'll take a closer look at your sources myself.`,
  },
  {
    topic: 'change delivery address',
    text: `I can still change the address on order #66014, since it hasn't been packed yet.

Could you send me the full new address, including the apartment number and postcode? Once I've updated it, you'll get a confirmation email, and the tracking link will show the new address as soon as the parcel ships.

Please reply within the next two hours if you can: orders are usually packed the same afternoon.`,
  },
  {
    topic: 'SSO with Okta',
    text: `Single sign-on with SAML is available on the Business and Enterprise plans, and Okta is one of the providers we support out of the box.

Here's how to set it up:

1. In Okta, create a new **SAML 2.0** app integration.
2. Copy the **ACS URL** and **Entity ID** from **Settings → Security → SSO** in our dashboard into Okta's SAML settings.
3. Set the name ID format to **EmailAddress**, and map the \`firstName\` and \`lastName\` attributes.
4. Download Okta's metadata XML and upload it on our SSO page.
5. Click **Test connection** and sign in with an Okta user who is assigned to the app.

Once the test succeeds, you can switch on **Enforce SSO**. From then on, members sign in only through Okta, and removing someone in Okta blocks their access to the workspace within minutes.

Owners can always sign in with their password and 2FA as a fallback, so you won't get locked out if Okta has an outage or a certificate expires. Speaking of which: Okta signing certificates are usually valid for a few years, and we'll email the workspace owners 30 days before yours expires.

If users get an "audience mismatch" error during the test, the Entity ID in Okta doesn't exactly match ours. Copy it again and check for a trailing slash, which is the most common culprit.`,
  },
  {
    topic: 'migrating from another helpdesk',
    text: `Welcome aboard! Moving from another helpdesk is easier than it sounds, and you can do it without any downtime for your customers. Here's the approach that works best for most teams.

**1. Import your history first.** Under **Settings → Import**, connect your old helpdesk with an API key. We import contacts, conversations from the last two years, tags and saved replies. Agents are matched by email address, so make sure your teammates have accepted their invitations before you start; conversations assigned to someone we can't match go to the unassigned queue. A typical account with 50,000 conversations takes two to four hours, and you can keep working in the old tool while it runs.

**2. Bring over your knowledge.** Point the bot at your existing help center URL, or upload your articles as PDF or Markdown files. The bot starts answering from them as soon as they're indexed, usually within ten minutes. It's worth skimming the list of imported articles and archiving anything outdated before you go live, because the bot can't tell an old policy from a current one.

**3. Switch the channels.** This is the only step your customers notice, so do it in a quiet hour:
- **Email:** add a forwarding rule from your support address to the inbound address shown under **Channels → Email**, then verify your domain so replies come from your own address.
- **Chat:** replace the old widget snippet on your website with ours.
- **Social:** connect Facebook, Instagram and WhatsApp from the Channels page; each one takes a couple of clicks.

**4. Run both tools side by side for a week.** Keep the old helpdesk open for conversations that were already in progress, and handle everything new here. After a week, the old inbox is usually empty and you can cancel it.

If your old helpdesk isn't on our import list, don't worry: we can import a CSV or JSON export instead. Send it over and our onboarding team will map the fields for you, free of charge. And if you'd like someone to walk through the plan with you, you can book a 30-minute call from the **Help** menu at any time.`,
  },
];
