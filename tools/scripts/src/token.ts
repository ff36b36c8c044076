/**
 * `npm run token -- --department <code> [--role <role>] [--jurisdiction <code>] [--subject <id>] [--expires <span>]`
 * prints one signed development token on stdout and nothing else.
 */
import { parseArgs } from 'node:util';
import { configOrExit, jwtSecretEnv, jwtSecretOf, parseEnv } from '@civic/runtime';
import { DEPARTMENTS, ROLES, isDepartment, isJurisdiction, isRole, signToken } from '@civic/runtime';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(64);
}

const { values } = parseArgs({
  options: {
    department: { type: 'string' },
    role: { type: 'string', multiple: true },
    jurisdiction: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
  strict: true,
});

if (!isDepartment(values.department)) fail(`--department must be one of ${DEPARTMENTS.join(', ')}`);
const roles = values.role ?? ['officer'];
for (const role of roles) if (!isRole(role)) fail(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
if (values.jurisdiction !== undefined && !isJurisdiction(values.jurisdiction)) {
  fail(`--jurisdiction must be a grid-tree code of 6 to 18 digits, got "${values.jurisdiction}"`);
}

const secret = configOrExit('token', () => jwtSecretOf(parseEnv(jwtSecretEnv)));
const token = await signToken(secret, {
  subject: values.subject ?? `${values.department}-${roles[0]}`,
  department: values.department,
  roles: roles.filter(isRole),
  ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}),
  expiresIn: values.expires,
});
process.stdout.write(`${token}\n`);
