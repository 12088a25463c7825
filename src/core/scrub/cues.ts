// Label words that say what the value after them is, in English, German,
// French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish, Turkish and
// romanised Japanese. A recogniser that needs a cue ("Geburtsdatum: …",
// "Pasaporte …") reads it from here, so adding a language is one edit.
// Each list is matched case-insensitively as whole words, with optional
// "No." / "Nr." / "#" / ":" after it.

export type CueKind = 'birth_date' | 'passport' | 'id_number' | 'tax_id' | 'iban' | 'phone' | 'address' | 'username' | 'person' | 'place';

export const CUES: Record<CueKind, readonly string[]> = {
  birth_date: [
    'date of birth', 'birth date', 'birthdate', 'birthday', 'dob', 'd.o.b', 'born', 'born on',
    'geburtsdatum', 'geboren am', 'geboren', 'geb', 'date de naissance', 'né le', 'née le', 'né', 'née',
    'fecha de nacimiento', 'nacido el', 'nacida el', 'f. nac', 'data di nascita', 'nato il', 'nata il',
    'data de nascimento', 'nascido em', 'nascida em', 'geboortedatum', 'geboren op', 'data urodzenia', 'urodzony', 'urodzona',
    'födelsedatum', 'född', 'doğum tarihi', 'seinengappi', 'tanjōbi', 'tanjobi', '生年月日',
  ],
  passport: [
    'passport', 'passport no', 'passport number', 'reisepass', 'reisepass-nr', 'reisepassnummer', 'passnummer', 'pass-nr',
    'passeport', 'numéro de passeport', 'n° de passeport', 'pasaporte', 'número de pasaporte', 'passaporto', 'numero di passaporto',
    'passaporte', 'número do passaporte', 'paspoort', 'paspoortnummer', 'paszport', 'numer paszportu', 'pasaport', 'pasaport no',
    'ryoken', 'ryoken bangō', 'ryoken bango', '旅券番号', 'passin numero', 'passinumero', 'passi', 'číslo pasu', 'cestovní pas', 'útlevél', 'útlevélszám',
    'passaporto n', 'pasaporte n', 'passeport n', 'reisepass nr', 'reisepass-nummer',
  ],
  id_number: [
    'id number', 'id no', 'national id', 'identity card', 'driver license', "driver's license", 'driving licence', 'licence number', 'license number',
    'member id', 'customer id', 'personalausweis', 'ausweisnummer', 'ausweis-nr', 'führerschein', 'carte d\'identité', 'numéro d\'identité', 'cni',
    'dni', 'nie', 'documento de identidad', 'carta d\'identità', 'carta di identità', 'rg', 'identidade', 'bilhete de identidade',
    'identiteitskaart', 'rijbewijs', 'dowód osobisty', 'pesel', 'personnummer', 'legitimation', 'kimlik no', 'tc kimlik no', 'mai nambā', 'mai namba',
    'ssn', 'social security number', 'national insurance number', 'ni number', 'nino',
    // Further national numbers, named as their own countries name them.
    'pps', 'pps number', 'pps no', 'aadhaar', 'aadhar', 'aadhaar number', 'pan', 'pan card', 'henkilötunnus', 'hetu', 'rodné číslo', 'číslo op',
    'číslo občanského průkazu', 'ahv', 'ahv-nr', 'avs', 'my number', 'マイナンバー', 'tfn', 'tax file number', 'medicare', 'medicare card', 'sin',
    'social insurance number', 'nr dowodu', 'nr dowodu osobistego', 'numer dowodu', 'cartão de cidadão', 'sécurité sociale', 'n° de sécurité sociale',
    'nir', 'idnr', 'steuer-idnr', 'kimlik', 'kimlik no', 't.c. kimlik no', 'tckn', 'nik', 'curp', 'rut', 'run', 'dni/nie', 'cédula', 'cedula', 'nid',
    'national id number', 'id card', 'id card number', 'identity number', 'personal id', 'personal number', 'citizen id', 'voter id', 'sozialversicherungsnummer',
    'svnr', 'versicherungsnummer', 'numero di carta d\'identità', 'documento', 'document number', 'document no',
  ],
  tax_id: [
    'tax id', 'tax number', 'tin', 'vat number', 'steuer-id', 'steuernummer', 'steuer-nr', 'steueridentifikationsnummer', 'numéro fiscal',
    'numéro de sécurité sociale', 'nif', 'nif/nie', 'cif', 'codice fiscale', 'partita iva', 'cpf', 'cnpj', 'nif português', 'bsn',
    'burgerservicenummer', 'nip', 'regon', 'vergi no', 'vergi numarası', 'organisationsnummer',
  ],
  iban: ['iban', 'bank account', 'account number', 'account no', 'account #', 'acct no', 'numéro de compte', 'número de cuenta', 'numero di conto', 'número da conta', 'kontonummer', 'compte bancaire', 'cuenta bancaria', 'conto corrente', 'conta bancária', 'rekeningnummer', 'numer konta', 'kontonummer', 'hesap no'],
  phone: [
    'call me at', 'call me on', 'call us at', 'call us on', 'my number is', 'number is', 'reach me at', 'text me at', 'new phone',
    'phone', 'tel', 'telephone', 'mobile', 'cell', 'fax', 'call', 'whatsapp', 'telefon', 'handy', 'mobil', 'téléphone', 'tél', 'portable', 'mobile',
    'teléfono', 'móvil', 'celular', 'telefono', 'cellulare', 'telefone', 'telemóvel', 'telefoon', 'mobiel', 'gsm', 'telefon komórkowy', 'tfn', 'mobilnummer',
    'cep', 'denwa', 'denwa bangō', 'denwa bango', 'keitai', '電話', '電話番号',
  ],
  address: [
    'address', 'street address', 'shipping address', 'billing address', 'ship to', 'deliver to', 'adresse', 'anschrift', 'lieferadresse', 'rechnungsadresse',
    'adresse de livraison', 'dirección', 'direccion', 'domicilio', 'indirizzo', 'endereço', 'morada', 'adres', 'bezorgadres', 'adres dostawy', 'adress',
    'leveransadress', 'jūsho', 'jusho', '住所',
  ],
  username: [
    'username', 'user name', 'user id', 'login', 'author', 'signed in as', 'logged in as', 'handle', 'benutzername', 'benutzer', 'angemeldet als',
    "nom d'utilisateur", 'identifiant', 'connecté en tant que', 'usuario', 'nombre de usuario', 'nome utente', 'utente', 'usuário', 'nome de usuário',
    'utilizador', 'gebruikersnaam', 'ingelogd als', 'nazwa użytkownika', 'login użytkownika', 'användarnamn', 'inloggad som', 'kullanıcı adı', 'yūzā mei', 'yuza mei', 'ユーザー名',
  ],
  person: [
    'name', 'full name', 'customer', 'client', 'contact', 'owner', 'assignee', 'assigned to', 'author', 'reviewer', 'reporter', 'recipient', 'sender', 'from',
    'bill to', 'ship to', 'cardholder', 'account holder', 'patient', 'employee', 'manager', 'signed by', 'posted by', 'written by', 'created by',
    'vorname', 'nachname', 'kunde', 'kundin', 'empfänger', 'absender', 'ansprechpartner', 'inhaber', 'rechnung an', 'gesendet von',
    'nom', 'prénom', 'nom complet', 'destinataire', 'expéditeur', 'titulaire', 'facturer à', 'envoyé par',
    'nombre', 'apellido', 'apellidos', 'cliente', 'destinatario', 'remitente', 'titular', 'facturar a', 'enviado por',
    'nome', 'cognome', 'mittente', 'intestatario', 'fatturare a', 'inviato da', 'sobrenome', 'remetente', 'cobrar de',
    'naam', 'voornaam', 'achternaam', 'klant', 'ontvanger', 'afzender', 'factuur aan', 'verzonden door',
    'imię', 'nazwisko', 'imię i nazwisko', 'klient', 'odbiorca', 'nadawca', 'nabywca', 'wysłane przez', 'namn', 'kund', 'mottagare', 'avsändare', 'skickat av', 'faktureras',
    'ad', 'soyad', 'ad soyad', 'müşteri', 'alıcı', 'gönderen', 'shimei', 'namae', 'kokyaku', 'seikyū-saki', 'sōshin-sha', '氏名', '名前',
  ],
  place: [
    'city', 'town', 'lives in', 'based in', 'located in', 'ort', 'stadt', 'wohnort', 'wohnt in', 'ville', 'habite à', 'ciudad', 'localidad', 'vive en',
    'città', 'vive a', 'cidade', 'mora em', 'plaats', 'woonplaats', 'woont in', 'miasto', 'mieszka w', 'bor i', 'şehir', 'yaşadığı yer', 'shi', 'sunde iru',
    'where', 'location', 'venue', 'destination', 'hometown', 'home town', 'birthplace', 'place of birth', 'home city',
  ],
};

/** Words before an employer or a company: "works at", "Firma:", "Travaille chez". */
export const ORG_CUES: readonly string[] = [
  'company', 'employer', 'organisation', 'organization', 'works at', 'working at', 'works for', 'issued by', 'invoice from', 'vendor', 'supplier',
  'firma', 'unternehmen', 'arbeitgeber', 'arbeitet bei', 'société', 'entreprise', 'employeur', 'travaille chez', 'empresa', 'trabaja en', 'trabaja para',
  'azienda', 'società', 'lavora presso', 'lavora per', 'trabalha na', 'trabalha no', 'trabalha em', 'bedrijf', 'werkgever', 'werkt bij', 'pracodawca',
  'pracuje w', 'företag', 'arbetsgivare', 'jobbar på', 'arbetar på', 'şirket', 'işveren', 'çalıştığı yer', 'kaisha', 'kinmu-saki',
  // Employment and office phrases in prose: "I used to work for …", "CEO of …", "a year at …", "the address of … is".
  'work for', 'worked for', 'working for', 'work at', 'worked at', 'employed by', 'employed at', 'intern at', 'interned at', 'ceo of', 'cto of', 'cfo of',
  'coo of', 'founder of', 'co-founder of', 'cofounder of', 'president of', 'chairman of', 'a year at', 'the following year at', 'the address of', 'the office of',
  'offices of', 'job at', 'position at', 'role at', 'hired by', 'acquired by', 'subsidiary of',
];

/** Greetings and thanks that a first name follows: "Hallo Anna", "Bonjour Léa", "Gracias, Marta". */
export const GREETINGS: readonly string[] = [
  'hi', 'hello', 'hey', 'dear', 'thanks', 'thank you', 'cheers', 'hallo', 'liebe', 'lieber', 'sehr geehrte', 'sehr geehrter', 'sehr geehrter herr', 'sehr geehrte frau',
  'danke', 'servus', 'moin', 'bonjour', 'bonsoir', 'salut', 'cher', 'chère', 'merci', 'hola', 'estimado', 'estimada', 'querido', 'querida', 'gracias',
  'ciao', 'salve', 'gentile', 'caro', 'cara', 'grazie', 'olá', 'oi', 'prezado', 'prezada', 'obrigado', 'obrigada', 'hoi', 'beste', 'bedankt', 'dag',
  'cześć', 'dzień dobry', 'drogi', 'droga', 'dziękuję', 'hej', 'tack', 'merhaba', 'sayın', 'teşekkürler', 'konnichiwa', 'arigatō', 'arigato',
];

/** Titles that stay in place before a name: "Dr. Jane Doe" keeps "Dr.". */
export const TITLES: readonly string[] = [
  'mr', 'mrs', 'ms', 'mx', 'miss', 'dr', 'prof', 'sir', 'herr', 'frau', 'fr', 'hr', 'm', 'mme', 'mlle', 'sr', 'sra', 'srta', 'don', 'doña', 'sig', 'sig.ra',
  'dott', 'dott.ssa', 'ing', 'avv', 'dhr', 'mevr', 'pan', 'pani', 'bay', 'bayan', 'san', 'sama',
];

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** One alternation of a cue list, longest first, for a RegExp source. */
export function cueAlternation(words: readonly string[]): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');
}

/** Letters of any script, for word boundaries that \b (ASCII only) gets wrong on "né", "Geb.". */
export const L = '\\p{L}\\p{M}';

/**
 * A cheap test before the cue patterns run: does `text` hold the first word
 * of any of these cues? Most page strings ("Buy", "Item 12", "$9.99") hold
 * none. One alternation of first words, without the optional tails the full
 * cue patterns carry, runs about 5x faster than splitting the text into words.
 * Cues written in scripts without spaces (生年月日, 電話) are in it whole.
 */
export function cueGate(words: readonly string[]): (text: string) => boolean {
  const first = [...new Set(words.map((w) => w.toLowerCase().split(/[^\p{L}\p{M}]+/u).find(Boolean) ?? w))];
  const re = new RegExp(`(?<![${L}])(?:${cueAlternation(first)})(?![${L}])|\\p{Script=Han}`, 'iu');
  return (text: string) => re.test(text);
}
