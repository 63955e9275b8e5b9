import { describe, expect, it } from 'vitest';

import { clinicSlugFor, slugFromHost } from './clinic-slug';

describe('slugFromHost (the API and the portal pages read a host the same way)', () => {
  it('takes the first label under the root domain, any case, any port', () => {
    expect(slugFromHost('alpha.localhost:3000', 'localhost')).toBe('alpha');
    expect(slugFromHost('Beta.Eventora.App', 'eventora.app')).toBe('beta');
  });

  it('names no clinic for the bare root, another domain, a deeper name or an id-shaped label', () => {
    expect(slugFromHost('localhost:3000', 'localhost')).toBeUndefined();
    expect(slugFromHost('alpha.example.com', 'eventora.app')).toBeUndefined();
    expect(slugFromHost('a.b.eventora.app', 'eventora.app')).toBeUndefined();
    expect(
      slugFromHost('0c0ffee0-1234-4abc-8def-0123456789ab.eventora.app', 'eventora.app'),
    ).toBeUndefined();
    expect(slugFromHost(null, 'eventora.app')).toBeUndefined();
  });

  it('a host and an x-clinic header that disagree are a conflict', () => {
    expect(clinicSlugFor({ host: 'alpha.localhost', clinicHeader: 'beta' }, 'localhost')).toEqual({
      kind: 'conflict',
    });
  });
});
