import { FRI, MON, MON_TO_FRI, SAT, THU, TUE, WED } from './spec';
import type { ClinicSpec } from './spec';

/**
 * The one password of every demo account, clinic users and the platform operator alike.
 * Development and test databases only: the seed CLI refuses to run with NODE_ENV=production.
 */
export const DEMO_PASSWORD = 'eventora-demo-2026';

/** The demo platform operator (admin console). */
export const DEMO_OPERATOR = { email: 'admin@eventora.test', name: 'Eventora Admin' } as const;

/**
 * A client of both demo clinics under one email: two different users, two password hashes,
 * two histories. Signing in to one clinic must never reveal the other.
 */
export const SHARED_CLIENT_EMAIL = 'jordan@patients.test';

/** Alpha Physio, Mexico City, shared database. */
export const ALPHA: ClinicSpec = {
  slug: 'alpha',
  name: 'Alpha Physio',
  timezone: 'America/Mexico_City',
  currency: 'mxn',
  brandColor: '#0f766e',
  mode: 'shared',
  users: [
    {
      key: 'owner',
      email: 'owner@alpha.test',
      name: 'Olivia Ortega',
      role: 'OWNER',
      phone: '+52 55 1000 0001',
    },
    {
      key: 'staff',
      email: 'staff@alpha.test',
      name: 'Sergio Salas',
      role: 'STAFF',
      phone: '+52 55 1000 0002',
    },
    { key: 'therapist', email: 'therapist@alpha.test', name: 'Ana López', role: 'THERAPIST' },
    {
      key: 'client',
      email: 'client@alpha.test',
      name: 'Camila Cruz',
      role: 'CLIENT',
      phone: '+52 55 2000 0001',
    },
    {
      key: 'maria',
      email: 'maria@alpha.test',
      name: 'María Fernández',
      role: 'CLIENT',
      phone: '+52 55 2000 0002',
    },
    { key: 'diego', email: 'diego@alpha.test', name: 'Diego Ramírez', role: 'CLIENT' },
    {
      key: 'jordan',
      email: SHARED_CLIENT_EMAIL,
      name: 'Jordan Reyes',
      role: 'CLIENT',
      phone: '+52 55 2000 0004',
    },
  ],
  branches: [
    {
      key: 'centro',
      name: 'Alpha Physio Centro',
      address: 'Av. Juárez 100, Centro, 06000 Ciudad de México',
      hours: [
        { weekdays: MON_TO_FRI, opens: '08:00', closes: '20:00' },
        { weekdays: [SAT], opens: '09:00', closes: '14:00' },
      ],
    },
    {
      key: 'polanco',
      name: 'Alpha Physio Polanco',
      address: 'Av. Presidente Masaryk 200, Polanco, 11560 Ciudad de México',
      hours: [
        { weekdays: MON_TO_FRI, opens: '09:00', closes: '19:00' },
        { weekdays: [SAT], opens: '09:00', closes: '13:00' },
      ],
    },
  ],
  therapists: [
    {
      key: 'ana',
      name: 'Ana López',
      bio: 'Sports physiotherapy and post-surgery rehabilitation.',
      sessionMinutes: 60,
      user: 'therapist',
      shifts: [
        { branch: 'centro', weekdays: [MON, WED, FRI], from: '08:00', to: '14:00' },
        { branch: 'polanco', weekdays: [TUE, THU], from: '12:00', to: '19:00' },
        { branch: 'polanco', weekdays: [SAT], from: '09:00', to: '13:00' },
      ],
    },
    {
      key: 'bruno',
      name: 'Bruno Díaz',
      bio: 'Manual therapy for back and neck pain.',
      sessionMinutes: 60,
      shifts: [
        { branch: 'centro', weekdays: MON_TO_FRI, from: '14:00', to: '20:00' },
        { branch: 'centro', weekdays: [SAT], from: '09:00', to: '14:00' },
      ],
    },
    {
      key: 'carla',
      name: 'Carla Méndez',
      bio: 'Pelvic floor and prenatal physiotherapy.',
      sessionMinutes: 45,
      shifts: [
        { branch: 'polanco', weekdays: [MON, WED, FRI], from: '09:00', to: '15:00' },
        { branch: 'centro', weekdays: [TUE, THU], from: '08:00', to: '12:00' },
      ],
    },
  ],
  packages: [
    {
      key: 'single',
      name: 'Single session',
      description: 'One session with any therapist.',
      sessions: 1,
      priceCents: 80_000,
      validityDays: 30,
    },
    {
      key: 'five',
      name: '5-session pack',
      description: 'Five sessions, valid for three months.',
      sessions: 5,
      priceCents: 375_000,
      validityDays: 90,
    },
    {
      key: 'ten',
      name: '10-session pack',
      description: 'Ten sessions, valid for six months.',
      sessions: 10,
      priceCents: 700_000,
      validityDays: 180,
    },
  ],
  purchases: [
    // Expired with its credit unused: shows up as history, not as credit.
    { key: 'client-single-expired', user: 'client', package: 'single', daysBeforeAnchor: 60 },
    { key: 'client-ten', user: 'client', package: 'ten', daysBeforeAnchor: 20 },
    { key: 'maria-five', user: 'maria', package: 'five', daysBeforeAnchor: 10 },
    { key: 'diego-single', user: 'diego', package: 'single', daysBeforeAnchor: 6 },
    { key: 'jordan-five', user: 'jordan', package: 'five', daysBeforeAnchor: 15 },
  ],
  reservations: [
    {
      client: 'client',
      therapist: 'ana',
      branch: 'centro',
      week: -2,
      weekday: MON,
      at: '09:00',
      purchase: 'client-ten',
    },
    {
      client: 'client',
      therapist: 'ana',
      branch: 'centro',
      week: -1,
      weekday: MON,
      at: '09:00',
      purchase: 'client-ten',
    },
    {
      client: 'client',
      therapist: 'bruno',
      branch: 'centro',
      week: -1,
      weekday: THU,
      at: '15:00',
      purchase: 'client-ten',
      status: 'no_show',
    },
    {
      client: 'maria',
      therapist: 'carla',
      branch: 'polanco',
      week: -1,
      weekday: WED,
      at: '09:00',
      purchase: 'maria-five',
    },
    // Back to back with the one before: half-open intervals, no overlap.
    {
      client: 'diego',
      therapist: 'carla',
      branch: 'polanco',
      week: -1,
      weekday: WED,
      at: '09:45',
      purchase: 'diego-single',
    },
    {
      client: 'jordan',
      therapist: 'ana',
      branch: 'polanco',
      week: -1,
      weekday: SAT,
      at: '10:00',
      purchase: 'jordan-five',
    },
    {
      client: 'client',
      therapist: 'ana',
      branch: 'centro',
      week: 1,
      weekday: MON,
      at: '09:00',
      purchase: 'client-ten',
    },
    {
      client: 'client',
      therapist: 'ana',
      branch: 'polanco',
      week: 1,
      weekday: THU,
      at: '13:00',
      purchase: 'client-ten',
      notes: 'Left knee, follow-up.',
    },
    {
      client: 'maria',
      therapist: 'bruno',
      branch: 'centro',
      week: 1,
      weekday: TUE,
      at: '18:00',
      purchase: 'maria-five',
    },
    // A cancelled slot, then taken by another client: cancelled reservations free the slot.
    {
      client: 'maria',
      therapist: 'ana',
      branch: 'centro',
      week: 1,
      weekday: FRI,
      at: '10:00',
      purchase: 'maria-five',
      status: 'cancelled',
    },
    {
      client: 'jordan',
      therapist: 'ana',
      branch: 'centro',
      week: 1,
      weekday: FRI,
      at: '10:00',
      purchase: 'jordan-five',
    },
    {
      client: 'client',
      therapist: 'carla',
      branch: 'polanco',
      week: 2,
      weekday: WED,
      at: '10:00',
      purchase: 'client-ten',
    },
    {
      client: 'jordan',
      therapist: 'bruno',
      branch: 'centro',
      week: 2,
      weekday: SAT,
      at: '12:00',
      purchase: 'jordan-five',
    },
  ],
};

/** Beta Wellness, Madrid, shared database. */
export const BETA: ClinicSpec = {
  slug: 'beta',
  name: 'Beta Wellness',
  timezone: 'Europe/Madrid',
  currency: 'eur',
  brandColor: '#7c3aed',
  mode: 'shared',
  users: [
    {
      key: 'owner',
      email: 'owner@beta.test',
      name: 'Beatriz Navarro',
      role: 'OWNER',
      phone: '+34 910 000 001',
    },
    {
      key: 'staff',
      email: 'staff@beta.test',
      name: 'Tomás Gil',
      role: 'STAFF',
      phone: '+34 910 000 002',
    },
    { key: 'therapist', email: 'therapist@beta.test', name: 'Elena Ruiz', role: 'THERAPIST' },
    {
      key: 'client',
      email: 'client@beta.test',
      name: 'Carlos Moreno',
      role: 'CLIENT',
      phone: '+34 600 000 001',
    },
    {
      key: 'laura',
      email: 'laura@beta.test',
      name: 'Laura Torres',
      role: 'CLIENT',
      phone: '+34 600 000 002',
    },
    { key: 'pablo', email: 'pablo@beta.test', name: 'Pablo Sanz', role: 'CLIENT' },
    {
      key: 'jordan',
      email: SHARED_CLIENT_EMAIL,
      name: 'Jordan Reyes',
      role: 'CLIENT',
      phone: '+34 600 000 004',
    },
  ],
  branches: [
    {
      key: 'sol',
      name: 'Beta Wellness Sol',
      address: 'Calle Mayor 10, 28013 Madrid',
      hours: [
        { weekdays: MON_TO_FRI, opens: '09:00', closes: '21:00' },
        { weekdays: [SAT], opens: '10:00', closes: '14:00' },
      ],
    },
    {
      key: 'retiro',
      name: 'Beta Wellness Retiro',
      address: 'Calle de Alcalá 150, 28009 Madrid',
      hours: [
        { weekdays: MON_TO_FRI, opens: '10:00', closes: '20:00' },
        { weekdays: [SAT], opens: '10:00', closes: '14:00' },
      ],
    },
  ],
  therapists: [
    {
      key: 'elena',
      name: 'Elena Ruiz',
      bio: 'Therapeutic massage and myofascial release.',
      sessionMinutes: 60,
      user: 'therapist',
      shifts: [
        { branch: 'sol', weekdays: [MON, TUE, WED], from: '09:00', to: '15:00' },
        { branch: 'retiro', weekdays: [THU, FRI], from: '10:00', to: '16:00' },
      ],
    },
    {
      key: 'javier',
      name: 'Javier Ortiz',
      bio: 'Osteopathy and sports recovery.',
      sessionMinutes: 60,
      shifts: [
        { branch: 'sol', weekdays: MON_TO_FRI, from: '15:00', to: '21:00' },
        { branch: 'retiro', weekdays: [SAT], from: '10:00', to: '14:00' },
      ],
    },
    {
      key: 'lucia',
      name: 'Lucía Romero',
      bio: 'Mindful movement and breathing for chronic pain.',
      sessionMinutes: 50,
      shifts: [
        { branch: 'retiro', weekdays: [MON, TUE, WED], from: '10:00', to: '18:00' },
        { branch: 'sol', weekdays: [THU, FRI], from: '09:00', to: '13:00' },
      ],
    },
  ],
  packages: [
    {
      key: 'single',
      name: 'Single session',
      description: 'One session with any therapist.',
      sessions: 1,
      priceCents: 6_000,
      validityDays: 30,
    },
    {
      key: 'five',
      name: '5-session pack',
      description: 'Five sessions, valid for three months.',
      sessions: 5,
      priceCents: 27_500,
      validityDays: 90,
    },
    {
      key: 'ten',
      name: '10-session pack',
      description: 'Ten sessions, valid for six months.',
      sessions: 10,
      priceCents: 50_000,
      validityDays: 180,
    },
  ],
  purchases: [
    { key: 'client-five', user: 'client', package: 'five', daysBeforeAnchor: 25 },
    { key: 'laura-ten', user: 'laura', package: 'ten', daysBeforeAnchor: 12 },
    { key: 'pablo-single', user: 'pablo', package: 'single', daysBeforeAnchor: 8 },
    { key: 'jordan-single', user: 'jordan', package: 'single', daysBeforeAnchor: 3 },
  ],
  reservations: [
    {
      client: 'client',
      therapist: 'elena',
      branch: 'sol',
      week: -2,
      weekday: TUE,
      at: '10:00',
      purchase: 'client-five',
    },
    {
      client: 'client',
      therapist: 'elena',
      branch: 'sol',
      week: -1,
      weekday: TUE,
      at: '10:00',
      purchase: 'client-five',
    },
    {
      client: 'laura',
      therapist: 'lucia',
      branch: 'retiro',
      week: -1,
      weekday: MON,
      at: '10:00',
      purchase: 'laura-ten',
    },
    // Back to back with the one before (50-minute sessions).
    {
      client: 'pablo',
      therapist: 'lucia',
      branch: 'retiro',
      week: -1,
      weekday: MON,
      at: '10:50',
      purchase: 'pablo-single',
    },
    {
      client: 'client',
      therapist: 'elena',
      branch: 'retiro',
      week: 1,
      weekday: THU,
      at: '11:00',
      purchase: 'client-five',
    },
    {
      client: 'laura',
      therapist: 'lucia',
      branch: 'retiro',
      week: 1,
      weekday: WED,
      at: '16:00',
      purchase: 'laura-ten',
    },
    {
      client: 'laura',
      therapist: 'javier',
      branch: 'retiro',
      week: 1,
      weekday: SAT,
      at: '11:00',
      purchase: 'laura-ten',
      status: 'cancelled',
    },
    {
      client: 'laura',
      therapist: 'javier',
      branch: 'sol',
      week: 1,
      weekday: FRI,
      at: '20:00',
      purchase: 'laura-ten',
    },
    {
      client: 'jordan',
      therapist: 'elena',
      branch: 'retiro',
      week: 1,
      weekday: FRI,
      at: '12:00',
      purchase: 'jordan-single',
    },
    {
      client: 'client',
      therapist: 'javier',
      branch: 'sol',
      week: 2,
      weekday: MON,
      at: '19:00',
      purchase: 'client-five',
    },
  ],
};

/** The clinics `seed()` creates by default. */
export const DEMO_CLINICS: readonly ClinicSpec[] = [ALPHA, BETA];
