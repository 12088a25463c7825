// A labelled sample for the recognisers' recall and precision: sentences in
// the shapes secrets take on real pages (forms, receipts, settings, logs),
// each secret labelled with its kind, and hard negatives that look like a
// secret but are not (order numbers, Luhn-invalid digit runs, versions,
// prices, dates, ISBNs, tracking numbers, hex colours, public IPs in docs).
// Values are drawn with a seeded PRNG so the sample is the same on every run.
//
// It is written by the people who wrote the rules, so it measures the rules
// against the shapes we know about; it is not an independent corpus.

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildSample(seed = 7) {
  const r = rng(seed);
  const int = (a, b) => a + Math.floor(r() * (b - a + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
  const alnum = (n, set = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') => Array.from({ length: n }, () => set[int(0, set.length - 1)]).join('');
  const luhnCheck = (body) => {
    let sum = 0;
    [...body].reverse().forEach((d, i) => {
      let x = Number(d);
      if (i % 2 === 0) { x *= 2; if (x > 9) x -= 9; }
      sum += x;
    });
    return String((10 - (sum % 10)) % 10);
  };
  const card = () => {
    const prefix = pick(['4', '51', '52', '37', '6011']);
    const len = prefix === '37' ? 15 : 16;
    const body = prefix + digits(len - 1 - prefix.length);
    const num = body + luhnCheck(body);
    return pick([num, num.replace(/(\d{4})(?=\d)/g, '$1 '), num.replace(/(\d{4})(?=\d)/g, '$1-')]);
  };
  const badCard = () => {
    const body = '4' + digits(14);
    const good = luhnCheck(body);
    return body + String((Number(good) + int(1, 9)) % 10);
  };
  const iban = () => {
    const country = pick([['DE', 18], ['GB', 18], ['FR', 23], ['NL', 14], ['ES', 20]]);
    const bban = country[0] === 'GB' || country[0] === 'NL' ? alnum(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digits(country[1] - 4) : digits(country[1]);
    const rearranged = (bban + country[0] + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let mod = 0;
    for (const ch of rearranged) mod = (mod * 10 + Number(ch)) % 97;
    const check = String(98 - mod).padStart(2, '0');
    const raw = country[0] + check + bban;
    return pick([raw, raw.replace(/(.{4})(?=.)/g, '$1 ')]);
  };
  const first = ['Maria', 'James', 'Aisha', 'Kenji', 'Olga', 'Pedro', 'Fatima', 'Liam', 'Chloe', 'Dmitri', 'Grace', 'Rahul'];
  const last = ['Gonzalez', 'Smith', 'Okafor', 'Tanaka', 'Petrova', 'Silva', 'Haddad', 'Murphy', 'Martin', 'Ivanov', 'Lee', 'Sharma'];
  const email = () => `${pick(first).toLowerCase()}.${pick(last).toLowerCase()}${pick(['', digits(2)])}@${pick(['gmail.com', 'example.org', 'mail.co.uk', 'corp-mail.io'])}`;
  const phone = () => pick([
    `+1 ${digits(3)} ${int(200, 999)} ${digits(4)}`, `(${int(200, 999)}) ${int(200, 999)}-${digits(4)}`, `${int(200, 999)}-${int(200, 999)}-${digits(4)}`,
    `+44 20 ${digits(4)} ${digits(4)}`, `+49 30 ${digits(8)}`, `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`, `+91 ${int(70000, 99999)} ${digits(5)}`,
  ]);
  const ssn = () => `${String(int(1, 665)).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`;
  const ipv4 = () => pick([`192.168.${int(0, 255)}.${int(1, 254)}`, `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`, `${int(11, 99)}.${int(1, 250)}.${int(1, 250)}.${int(1, 250)}`]);
  const ipv6 = () => pick([`2001:db8:${alnum(4, '0123456789abcdef')}::${alnum(3, '0123456789abcdef')}`, `fe80::${alnum(4, '0123456789abcdef')}:${alnum(4, '0123456789abcdef')}:${alnum(4, '0123456789abcdef')}:${alnum(4, '0123456789abcdef')}`]);
  const b64u = (n) => alnum(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  const key = () => pick([
    ['aws_key', `AKIA${alnum(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`],
    ['github_token', `ghp_${alnum(36)}`],
    ['slack_token', `xoxb-${digits(11)}-${digits(12)}-${alnum(24)}`],
    ['stripe_key', `sk_live_${alnum(24)}`],
    ['google_api_key', `AIza${b64u(35)}`],
    ['jwt', `eyJhbGciOiJIUzI1NiJ9.eyJ${b64u(30)}.${b64u(43)}`],
  ]);
  const street = () => `${int(1, 9999)} ${pick(['Maple', 'Oak', 'Elm', 'Sunset', 'King', 'Harbor'])} ${pick(['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Blvd'])}`;
  const city = () => pick(['Paris', 'Chicago', 'Berlin', 'Tokyo', 'Nairobi', 'Toronto', 'Madrid', 'Sydney']);
  const org = () => pick(['Acme Corp', 'Globex Inc', 'Initech LLC', 'Umbrella Ltd', 'Stark Industries', 'Wayne Enterprises']);

  const items = [];
  // A template's "{x}" slots are filled and labelled; the kind is the label.
  const add = (template, slots) => {
    let text = template;
    const labels = [];
    for (const [name, kind, value] of slots) {
      const at = text.indexOf(`{${name}}`);
      text = text.slice(0, at) + value + text.slice(at + name.length + 2);
      labels.push({ kind, value });
    }
    items.push({ text, labels });
  };

  for (let i = 0; i < 40; i++) {
    add(pick(['Contact: {v}', 'Signed in as {v}', 'Send the invoice to {v} by Friday.', 'mailto:{v}', 'Reply-To: <{v}>']), [['v', 'email', email()]]);
    add(pick(['Call us at {v}', 'Phone: {v}', 'Mobile {v} (after 6pm)', 'Tel.: {v}']), [['v', 'phone', phone()]]);
    add(pick(['Card number {v}', 'Pay with {v} exp 09/28', 'Card on file: {v}']), [['v', 'card', card()]]);
    add(pick(['IBAN: {v}', 'Transfer to {v} before the 5th', 'Account {v}']), [['v', 'iban', iban()]]);
    add(pick(['SSN {v}', 'Social security number: {v}']), [['v', 'ssn', ssn()]]);
    add(pick(['Server at {v} is down', 'Last login from {v}', 'ssh admin@{v}']), [['v', 'ip', pick([ipv4, ipv6])()]]);
    const [kind, value] = key();
    add(pick(['export TOKEN_VALUE="{v}"', 'Your key: {v}', 'Authorization header uses {v} today', 'config: {v}']), [['v', kind, value]]);
    add(pick(['Ship to {v}, Apt 4', 'Billing address: {v}', 'Office at {v}']), [['v', 'address', street()]]);
    if (i % 2 === 0) {
      add(pick(['OPENAI_API_KEY={v}', 'key: {v}']), [['v', 'vendor_token', pick([`sk-proj-${b64u(40)}1`, `sk-ant-api03-${b64u(60)}2`, `npm_${alnum(36)}`, `glpat-${b64u(20)}`, `hf_${alnum(34)}`])]]);
      add(pick(['DATABASE_URL=postgres://{v}@db.internal:5432/app', 'git clone https://{v}@git.example.org/x.git']), [['v', 'url_userinfo', `${pick(first).toLowerCase()}:${alnum(12)}`]]);
      add(pick(['CVV: {v}', 'PIN {v}', 'Date of birth: {v}', 'Passport No: {v}', 'Account number {v}']), [['v', 'labelled_id', pick([digits(3), digits(4), `${int(1, 28)}/${int(1, 12)}/19${int(50, 99)}`, `X${digits(8)}`, digits(8)])]]);
    }
    add(pick(['Thanks, {v}!', 'Meeting with {v} tomorrow.', 'Reviewed by {v} on Monday', 'Dear {v},']), [['v', 'person', `${pick(first)} ${pick(last)}`]]);
    add(pick(['Flights to {v} from $99', 'I live in {v} now.', 'Weather in {v}: sunny']), [['v', 'place', city()]]);
    add(pick(['Offer letter from {v}', 'She works at {v} in sales.', 'Invoice issued by {v}']), [['v', 'organization', org()]]);
  }
  // Harder positives, in shapes real pages also use; some are known misses
  // (kept in on purpose so the figure is not a mirror of the rules).
  const hard = [
    () => add('{v}', [['v', 'person', `${pick(first)} ${pick(last)}`]]), // a name alone in a table cell
    () => add('Thanks {v}', [['v', 'person', pick(first)]]), // first name only
    () => add('assigned to {v}', [['v', 'person', `${pick(first).toLowerCase()} ${pick(last).toLowerCase()}`]]),
    () => add('Reviewer: {v}', [['v', 'person', pick(['Nguyen Thi Minh', 'Oluwaseun Adeyemi', 'Zhang Wei', 'Siobhan O\'Connor'])]]),
    () => add('Moved to {v} last year', [['v', 'place', pick(['Ouagadougou', 'Springfield', 'Tbilisi', 'Valparaiso'])]]),
    () => add('Contract with {v} renewed', [['v', 'organization', pick(['Globex', 'Hooli', 'Vandelay Industries', 'Cyberdyne Systems'])]]),
    () => add('Phone {v}', [['v', 'phone', `${int(200, 999)}${int(200, 999)}${digits(4)}`]]), // bare 10 digits
    () => add('SSN: {v}', [['v', 'ssn', `${String(int(1, 665)).padStart(3, '0')}${String(int(1, 99)).padStart(2, '0')}${String(int(1, 9999)).padStart(4, '0')}`]]),
    () => add('Card: {v}', [['v', 'card', card().replace(/[ -]/g, '.')]]),
    () => add('iban {v}', [['v', 'iban', iban().toLowerCase()]]),
    () => add('Write to {v}', [['v', 'email', `${pick(first)}+news@${pick(['sub.example.com', 'uni.ac.jp'])}`]]),
    () => add('Ship to {v}', [['v', 'address', `${int(1, 300)}B ${pick(['Baker', 'Fleet', 'Queen'])} Street`]]),
    () => add('api_key={v}', [['v', 'secret', alnum(32)]]),
    () => add('curl -H "Authorization: Bearer {v}"', [['v', 'bearer', b64u(40)]]),
  ];
  for (let i = 0; i < 70; i++) hard[i % hard.length]();
  // Hard negatives: no secret, each looks like one.
  const negatives = [
    () => `Order #${digits(12)} shipped`, () => `Reference ${badCard()}`, () => `Tracking 1Z${alnum(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    () => `Version ${int(1, 20)}.${int(0, 40)}.${int(0, 99)}`, () => `Total: $${int(1, 999)}.${digits(2)} (${int(1, 9)} items)`, () => `Delivered ${int(1, 28)}/${int(1, 12)}/20${int(20, 29)}`,
    () => `ISBN 978-${digits(1)}-${digits(3)}-${digits(5)}-${digits(1)}`, () => `Colour #${alnum(6, '0123456789abcdef')}`, () => `Documentation uses 127.0.0.1 and 0.0.0.0 as examples`,
    () => `Add to cart`, () => `Search products`, () => `Showing ${int(1, 50)} of ${int(51, 999)} results`, () => `Step ${int(1, 9)} of ${int(10, 20)}`,
    () => `Model X${digits(3)}-${alnum(4, 'ABCDEFGHJK')} in stock`, () => `Use code SAVE${int(10, 50)} at checkout`, () => `Rated ${int(1, 4)}.${int(0, 9)} out of 5 by ${int(10, 9999)} buyers`,
    () => `Call ${int(1, 9)} of the function returned ${digits(6)}`, () => `Room ${int(100, 999)}, floor ${int(1, 30)}`, () => `Page ${int(1, 99)} - section ${int(1, 9)}.${int(1, 9)}`,
    () => `The token expires in ${int(2, 59)} minutes`,
    () => 'grace period ends today', () => 'amber alert issued', () => 'adam optimizer settings', () => 'mark all as done',
    () => 'PIN code sent to your phone', () => 'Upload a passport photo', () => 'Password is required', () => '<div class="sk-fading-circle-animation-container">',
  ];
  for (let i = 0; i < 200; i++) items.push({ text: negatives[i % negatives.length](), labels: [] });
  return items;
}

/** Per kind: recall (labelled values fully covered by a found span) and precision (found spans that touch a label). */
export function scoreSample(items, find) {
  const byKind = {};
  const row = (k) => (byKind[k] ??= { kind: k, labelled: 0, found: 0 });
  let spans = 0;
  let trueSpans = 0;
  const falseExamples = [];
  for (const item of items) {
    const found = find(item.text);
    spans += found.length;
    const ranges = item.labels.map((l) => {
      const start = item.text.indexOf(l.value);
      return { ...l, start, end: start + l.value.length };
    });
    for (const l of ranges) {
      const row_ = row(l.kind);
      row_.labelled++;
      if (found.some((s) => s.start <= l.start && s.end >= l.end)) row_.found++;
    }
    for (const s of found) {
      if (ranges.some((l) => s.start < l.end && s.end > l.start)) trueSpans++;
      else if (falseExamples.length < 8) falseExamples.push(`${s.rule}: "${item.text.slice(s.start, s.end)}" in "${item.text}"`);
    }
  }
  const kinds = Object.values(byKind).map((k) => ({ ...k, recall: k.labelled ? k.found / k.labelled : 1 }));
  const labelled = kinds.reduce((n, k) => n + k.labelled, 0);
  const recalled = kinds.reduce((n, k) => n + k.found, 0);
  return { kinds, recall: recalled / labelled, precision: spans ? trueSpans / spans : 1, spans, falseExamples, items: items.length, labelled };
}
