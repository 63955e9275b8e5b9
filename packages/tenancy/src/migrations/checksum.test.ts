import { describe, expect, it } from 'vitest';
import { checksumOf, matchesChecksum } from './checksum';

// printf 'SELECT 1;\n' | sha256sum, and the same with \r\n.
const LF = 'b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd';
const CRLF = 'd3cd5042f97738960d802ad6b3a548dfa18152215118ba18f04493bc6944b0e4';

describe('migration checksums', () => {
  it('are the SHA-256 of the file in lower-case hex, as Prisma records them', () => {
    expect(checksumOf('SELECT 1;\n')).toBe(LF);
    expect(checksumOf(Buffer.from('SELECT 1;\r\n'))).toBe(CRLF);
  });

  it('match a file checked out with the other line endings, as Prisma accepts', () => {
    expect(matchesChecksum('SELECT 1;\r\n', LF)).toBe(true);
    expect(matchesChecksum('SELECT 1;\n', CRLF)).toBe(true);
  });

  it('do not match an edited file', () => {
    expect(matchesChecksum('SELECT 2;\n', LF)).toBe(false);
    expect(matchesChecksum('SELECT 1; \n', LF)).toBe(false);
  });
});
