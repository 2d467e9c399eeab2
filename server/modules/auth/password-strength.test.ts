import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-strength';

describe('passwordProblem', () => {
  it.each([
    ['password123'],
    ['password1234'],
    ['qwertyuiop'],
    ['1234567890'],
    ['iloveyou12'],
    ['Password2024!'],
    ['1q2w3e4r5t'],
  ])('refuses the common password %j as too_common', (password) => {
    expect(passwordProblem(password)).toMatchObject({ field: 'password', code: 'too_common' });
  });

  it.each([
    ['aaaaaaaaaaaa', []],
    ['abcdefghijk', []],
    ['nigarrzayeva1', ['nigar.rzayeva@example.az', 'Nigar Rzayeva']],
    ['5ZK7A2C5ZK7A2C', ['5ZK7A2C']],
    ['leylaaliyeva1', ['leyla.aliyeva@example.az']],
  ])('refuses the guessable %j (patterns, repeats, the account’s own words)', (password, inputs) => {
    expect(passwordProblem(password, inputs)).toMatchObject({ field: 'password', code: expect.any(String) });
  });

  it.each([
    ['correct horse battery'],
    ['demo-admin-2026'],
    ['demo-examiner-2026'],
    ['demo-applicant-2026'],
    ['staff password 123'],
    ['Qarabağ atları çapır'],
    ['s3cret-passphrase'],
  ])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});
