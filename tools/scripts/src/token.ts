/**
 * `npm run -s token -- --department <code> [--role <role>] [--jurisdiction <code>] [--subject <id>] [--expires <span>]`
 * prints one signed development token on stdout and nothing else (`-s` keeps npm's own banner off stdout).
 */
import { DEPARTMENTS, ROLES, isDepartment, isJurisdiction, isRole } from '@civic/runtime';
import { parseCommandLine, usageError } from './cli.js';
import { developmentTokenSigner } from './tokenSigning.js';

const command = {
  name: 'token',
  usage: `Usage: npm run -s token -- --department <code> [--role <role>]... [--jurisdiction <code>] [--subject <id>] [--expires <span>]

  --department    one of ${DEPARTMENTS.join(', ')}
  --role          one of ${ROLES.join(', ')} (default officer; repeat for several)
  --jurisdiction  a grid-tree code of 6 to 18 digits: the token sees only records inside it
  --subject       who the token names (default <department>-<role>)
  --expires       lifetime, e.g. 30m, 12h (default 12h; the gateway refuses more than TOKEN_MAX_LIFETIME)

Prints one token signed by the development identity provider (its key in KEYS_DIR, default .data/keys,
created if absent) on stdout, e.g.
  TOKEN=$(npm run -s token -- --department police)
`,
  options: {
    department: { type: 'string' },
    role: { type: 'string', multiple: true },
    jurisdiction: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
} as const;

const values = parseCommandLine(command);
if (!isDepartment(values.department)) usageError(command, `--department must be one of ${DEPARTMENTS.join(', ')}`);
const roles = values.role ?? ['officer'];
for (const role of roles) if (!isRole(role)) usageError(command, `--role must be one of ${ROLES.join(', ')}, got "${role}"`);
if (values.jurisdiction !== undefined && !isJurisdiction(values.jurisdiction)) {
  usageError(command, `--jurisdiction must be a grid-tree code of 6 to 18 digits, got "${values.jurisdiction}"`);
}

const sign = await developmentTokenSigner('token');
const token = await sign({
  subject: values.subject ?? `${values.department}-${roles[0]}`,
  department: values.department,
  roles: roles.filter(isRole),
  ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}),
  expiresIn: values.expires,
});
process.stdout.write(`${token}\n`);
