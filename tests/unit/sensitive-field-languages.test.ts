// @vitest-environment happy-dom
// A field typed as text (a revealed password, a card's security code as type=tel) is sensitive only by its label:
// the labels of those two secrets in the languages of the sites that ask for them.
import { describe, expect, it } from 'vitest';
import { isSensitiveField } from '../../src/core/sensitive-field';

const field = (label: string) => ({ tag: 'input', type: 'tel', autocomplete: null, name: null, id: null, label });

describe('a card\'s security code or a password in other languages, by label alone', () => {
  it.each(['Kartenprüfnummer', 'Cryptogramme visuel', 'Wachtwoord', 'Hasło', 'Пароль', 'パスワード', '密码'])('control: %s (held)', (label) => {
    expect(isSensitiveField(field(label))).toBe(true);
  });

  it.each([
    'Senha', // pt-BR: password (the pt list has only the security code)
    'セキュリティコード', // ja: the card's security code (the ja list has only the password)
    '安全码', // zh: the card's security code
    '비밀번호', // ko: password
    'Heslo', // cs, sk: password
    'Şifre', // tr: password
    'Kata sandi', // id: password
    'Lösenord', // sv: password
    'Mật khẩu', // vi: password
  ])('%s', (label) => {
    expect(isSensitiveField(field(label))).toBe(true);
  });
});
