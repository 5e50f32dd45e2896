import type { DbClient } from '../db/client.js'
import { notOfType, TOOL_TABLES } from '../dialects/postgres/queries.js'
import { OTHER_TOOLS_TABLES } from '../migrate/driver.js'
import { toolTable } from './warnings.js'
import type { SchemaIR } from '../ir/types.js'
import { forceQuote, quoteIdent, quoteLiteral } from '../sql/ident.js'
import type { PullWarning } from './warnings.js'

const s = (v: unknown) => (v === null || v === undefined ? undefined : String(v))
const q = quoteIdent

const notFromExtension = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${classTable}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`

const RELATIONS = `
SELECT c.relname AS name, c.relkind AS kind, c.relispartition AS partition, c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
  c.relpersistence AS persistence, array_to_string(c.reloptions, ', ') AS options,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
  (SELECT string_agg(quote_ident(p.relname), ', ' ORDER BY i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid) AS parents,
  CASE WHEN c.relkind = 'm' THEN pg_get_viewdef(c.oid, true) END AS matview, c.relreplident AS replident,
  (SELECT ri.relname FROM pg_index rx JOIN pg_class ri ON ri.oid = rx.indexrelid WHERE rx.indrelid = c.oid AND rx.indisreplident) AS replident_index,
  (SELECT format('AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s', format_type(sq.seqtypid, NULL), sq.seqincrement,
      sq.seqmin, sq.seqmax, sq.seqstart, sq.seqcache, CASE WHEN sq.seqcycle THEN ' CYCLE' ELSE '' END)
     FROM pg_sequence sq WHERE sq.seqrelid = c.oid) AS sequence,
  (SELECT d.deptype::text || '|' || oc.relname || '|' || a.attname FROM pg_depend d JOIN pg_class oc ON oc.oid = d.refobjid
     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1) AS owner
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname <> ALL ($2::text[]) AND c.relkind IN ('r', 'p', 'm', 'f', 'S')
  AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY c.relname`

// What a partition has of its own, beyond what it takes from its partitioned parent: indexes attached to no
// parent index, and constraints declared on it alone.
const PARTITION_OWN = `
SELECT 'index' AS what, c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint pc WHERE pc.conindid = x.indexrelid AND pc.conrelid = c.oid AND pc.contype IN ('p', 'u', 'x'))
UNION ALL
SELECT 'constraint', c.relname, con.conname, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relispartition AND con.conparentid = 0 AND con.conislocal AND con.coninhcount = 0 AND con.contype IN ('c', 'u', 'p', 'x', 'f')
ORDER BY 2, 1 DESC, 3`

const POLICIES = `
SELECT tablename AS table, policyname AS name, permissive, array_to_string(roles, ',') AS roles, cmd, qual, with_check
FROM pg_policies WHERE schemaname = $1 ORDER BY tablename, policyname`

const CONSTRAINTS = `
SELECT c.relname AS table, con.conname AS name, con.contype AS type, pg_get_constraintdef(con.oid) AS def
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname <> ALL ($2::text[]) AND con.conparentid = 0 AND con.coninhcount = 0 AND NOT c.relispartition
  AND (con.contype = 'x' OR NOT con.convalidated OR (con.contype = 'c' AND con.connoinherit) OR (con.contype = 'f' AND con.confmatchtype = 'f')
    OR (con.contype IN ('u', 'p') AND con.condeferrable))
ORDER BY c.relname, con.conname`

const TRIGGERS = `
SELECT c.relname AS table, c.relkind AS kind, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS def, tg.tgenabled AS enabled,
  tg.tgconstraint <> 0 AS is_constraint, (tg.tgoldtable IS NOT NULL OR tg.tgnewtable IS NOT NULL) AS transition
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal AND n.nspname = $1 AND c.relname <> ALL ($2::text[])
  AND (c.relkind NOT IN ('r', 'p') OR tg.tgenabled <> 'O' OR tg.tgconstraint <> 0 OR tg.tgoldtable IS NOT NULL OR tg.tgnewtable IS NOT NULL)
ORDER BY c.relname, tg.tgname`

const indexes = (nullsNotDistinct: boolean) => `
SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, array_to_string(i.reloptions, ', ') AS options,
  ${nullsNotDistinct ? 'x.indnullsnotdistinct' : 'false'} AS nulls_not_distinct,
  EXISTS (SELECT 1 FROM pg_constraint pc WHERE pc.conindid = x.indexrelid AND pc.contype IN ('p', 'u', 'x')) AS constraint_index
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname <> ALL ($2::text[]) AND c.relkind IN ('r', 'p')
  AND (i.reloptions IS NOT NULL${nullsNotDistinct ? ' OR x.indnullsnotdistinct' : ''})
ORDER BY i.relname`

// PostgreSQL 18 also lists a domain's NOT NULL in pg_constraint (contype 'n'); typnotnull already says it.
const TYPES = `
SELECT t.typname AS name, t.typtype AS type, format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS not_null, t.typdefault AS default,
  (SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), '' ORDER BY con.conname)
     FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype <> 'n') AS checks,
  (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
     FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS fields,
  (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid) AS subtype
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = $1 AND t.typtype IN ('d', 'c', 'r', 'b') AND ${notFromExtension('pg_type', 't.oid')}
  AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))
  AND (t.typtype <> 'b' OR t.typelem = 0 OR NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
ORDER BY t.typname`

const FUNCTIONS = `
SELECT p.proname AS name, p.prokind AS kind, pg_get_function_identity_arguments(p.oid) AS args, p.prosrc AS src, l.lanname AS language,
  CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
  -- An aggregate: its definition from pg_aggregate, and the definitions of support functions of this schema.
  (SELECT concat_ws(', ', 'SFUNC = ' || a.aggtransfn::regproc::text, 'STYPE = ' || format_type(a.aggtranstype, NULL),
      CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
      CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
      CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
      CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = OPERATOR(' || a.aggsortop::regoperator::text || ')' END,
      CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END)
     FROM pg_aggregate a WHERE a.aggfnoid = p.oid AND a.aggkind = 'n') AS aggregate,
  (SELECT string_agg(pg_get_functiondef(sp.oid), E';\n' ORDER BY sp.proname) FROM pg_aggregate a JOIN pg_proc sp ON sp.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn)
     WHERE a.aggfnoid = p.oid AND sp.pronamespace = p.pronamespace) AS support
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = $1 AND ${notFromExtension('pg_proc', 'p.oid')} AND ${notOfType('p.oid')}
ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`

const MATVIEW_INDEXES = `
SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind = 'm' ORDER BY c.relname, i.relname`

// pg_statistic_ext: extended statistics objects; attstattarget: per-column targets (-1 or, from 17, NULL by default).
const STATISTICS = `
SELECT s.stxname AS name, pg_get_statisticsobjdef(s.oid) AS def
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE n.nspname = $1 ORDER BY s.stxname`

const COLUMN_STATISTICS = `
SELECT c.relname AS table, a.attname AS column, a.attstattarget AS target
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname <> ALL ($2::text[]) AND c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped
  AND COALESCE(a.attstattarget, -1) >= 0
ORDER BY c.relname, a.attnum`

const OPERATORS = `
SELECT o.oprname AS name, format_type(o.oprleft, NULL) AS left, format_type(o.oprright, NULL) AS right,
  o.oprcode::regproc::text AS function, CASE WHEN o.oprcom <> 0 THEN o.oprcom::regoperator::text END AS commutator,
  CASE WHEN o.oprnegate <> 0 THEN o.oprnegate::regoperator::text END AS negator
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE n.nspname = $1 AND ${notFromExtension('pg_operator', 'o.oid')}
ORDER BY o.oprname, o.oprleft, o.oprright`

// Database-wide: publications, and the schemas besides the one pulled, with how many relations each holds.
const PUBLICATIONS = `
SELECT p.pubname AS name, p.puballtables AS all_tables, concat_ws(', ',
    CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
    CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END) AS publish,
  (SELECT string_agg(CASE WHEN pt.schemaname = $1 THEN quote_ident(pt.tablename) ELSE quote_ident(pt.schemaname) || '.' || quote_ident(pt.tablename) END, ', ' ORDER BY pt.schemaname, pt.tablename)
     FROM pg_publication_tables pt WHERE pt.pubname = p.pubname) AS tables
FROM pg_publication p ORDER BY p.pubname`

const SCHEMAS = `
SELECT n.nspname AS name, n.nspname = $1 AS pulled, obj_description(n.oid, 'pg_namespace') AS comment,
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')) AS relations,
  (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid) AS routines
FROM pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND ${notFromExtension('pg_namespace', 'n.oid')}
ORDER BY n.nspname`

const RULES = `
SELECT c.relname AS table, r.rulename AS name, pg_get_ruledef(r.oid) AS def
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND r.rulename <> '_RETURN' ORDER BY c.relname, r.rulename`

// Comments the IR does not carry: those of objects outside the model (domains, sequences, matviews and their
// columns, aggregates, procedures, partitions, policies, view columns, ...) and of objects the pulled file
// recreates as raw SQL (re-added constraints and triggers). pg_identify_object gives a spelling COMMENT ON takes.
const RECREATED_CONSTRAINT = `(con.contype = 'x' OR NOT con.convalidated OR (con.contype = 'c' AND con.connoinherit) OR (con.contype = 'f' AND con.confmatchtype = 'f')
    OR (con.contype IN ('u', 'p') AND con.condeferrable))`
const COMMENTS = `
SELECT x.type, x.identity, d.description AS comment,
  CASE WHEN d.classoid = 'pg_type'::regclass THEN (SELECT t.typtype FROM pg_type t WHERE t.oid = d.objoid) END AS typtype
FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) x
WHERE d.classoid NOT IN ('pg_namespace'::regclass, 'pg_extension'::regclass, 'pg_database'::regclass)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')
  AND CASE
    WHEN d.classoid = 'pg_class'::regclass THEN EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = d.objoid AND n.nspname = $1 AND NOT (c.relname = ANY ($2::text[]))
        AND NOT ((c.relkind IN ('r', 'p') AND NOT c.relispartition) OR (c.relkind = 'v' AND d.objsubid = 0)
          OR (c.relispartition AND d.objsubid = 0 AND NOT EXISTS (SELECT 1 FROM pg_inherits pi JOIN pg_class pp ON pp.oid = pi.inhparent WHERE pi.inhrelid = c.oid AND pp.relispartition))
          OR (c.relkind IN ('i', 'I') AND EXISTS (SELECT 1 FROM pg_index ix JOIN pg_class r ON r.oid = ix.indrelid WHERE ix.indexrelid = c.oid
            AND r.relkind IN ('r', 'p') AND NOT r.relispartition AND NOT EXISTS (SELECT 1 FROM pg_constraint pc WHERE pc.conindid = c.oid AND pc.contype IN ('p', 'u', 'x'))))))
    WHEN d.classoid = 'pg_type'::regclass THEN EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = d.objoid AND n.nspname = $1 AND t.typtype <> 'e')
    WHEN d.classoid = 'pg_proc'::regclass THEN EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = d.objoid AND n.nspname = $1 AND p.prokind <> 'f')
    WHEN d.classoid = 'pg_constraint'::regclass THEN EXISTS (SELECT 1 FROM pg_constraint con LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type t ON t.oid = con.contypid
      JOIN pg_namespace n ON n.oid = coalesce(c.relnamespace, t.typnamespace)
      WHERE con.oid = d.objoid AND n.nspname = $1 AND (c.oid IS NULL OR (NOT (c.relname = ANY ($2::text[])) AND (c.relispartition OR ${RECREATED_CONSTRAINT}))))
    WHEN d.classoid = 'pg_trigger'::regclass THEN EXISTS (SELECT 1 FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE tg.oid = d.objoid AND n.nspname = $1 AND (c.relkind NOT IN ('r', 'p') OR c.relispartition OR tg.tgconstraint <> 0 OR tg.tgoldtable IS NOT NULL OR tg.tgnewtable IS NOT NULL))
    WHEN d.classoid IN ('pg_policy'::regclass, 'pg_rewrite'::regclass) THEN EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.oid = CASE WHEN d.classoid = 'pg_policy'::regclass THEN (SELECT pol.polrelid FROM pg_policy pol WHERE pol.oid = d.objoid)
        ELSE (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = d.objoid) END)
    ELSE x.schema = $1
  END
ORDER BY x.type, x.identity`

// Privileges (GRANT/REVOKE) that differ from an object's initial ones (pg_init_privs, else acldefault for its
// owner), as pg_dump compares them: on the pulled schema, its relations and their columns, routines and types.
const PRIVILEGES = `
WITH objs AS (
  SELECT 'pg_class'::regclass AS cls, c.oid, 0 AS sub, CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END AS kind, c.relowner AS owner, c.relacl AS acl,
    CASE WHEN c.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || quote_ident(c.relname) AS target, NULL::text AS col
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relacl IS NOT NULL AND NOT (c.relname = ANY ($2::text[]))
    AND ${notFromExtension('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'pg_class'::regclass, c.oid, a.attnum, 'c', c.relowner, a.attacl, 'TABLE ' || quote_ident(c.relname), quote_ident(a.attname)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND NOT (c.relname = ANY ($2::text[]))
  UNION ALL
  SELECT 'pg_proc'::regclass, p.oid, 0, 'f', p.proowner, p.proacl,
    CASE WHEN p.prokind = 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = $1 AND p.proacl IS NOT NULL AND ${notFromExtension('pg_proc', 'p.oid')} AND ${notOfType('p.oid')}
  UNION ALL
  SELECT 'pg_type'::regclass, t.oid, 0, 'T', t.typowner, t.typacl, CASE WHEN t.typtype = 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || quote_ident(t.typname), NULL
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = $1 AND t.typacl IS NOT NULL AND ${notFromExtension('pg_type', 't.oid')}
  UNION ALL
  SELECT 'pg_namespace'::regclass, n.oid, 0, 'n', n.nspowner, n.nspacl, 'SCHEMA ' || quote_ident(n.nspname), NULL
  FROM pg_namespace n WHERE n.nspname = $1 AND n.nspacl IS NOT NULL
), base AS (
  SELECT o.*, coalesce((SELECT ip.initprivs FROM pg_init_privs ip WHERE ip.classoid = o.cls AND ip.objoid = o.oid AND ip.objsubid = o.sub),
    CASE WHEN o.kind <> 'c' THEN acldefault(o.kind::"char", o.owner) END) AS baseline
  FROM objs o
), items AS (
  SELECT b.target, b.col, 'GRANT' AS action, g.grantee, g.privilege_type, g.is_grantable
  FROM base b CROSS JOIN LATERAL (SELECT grantee, privilege_type, is_grantable FROM aclexplode(b.acl)
    EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(b.baseline)) g
  UNION ALL
  SELECT b.target, b.col, 'REVOKE', g.grantee, g.privilege_type, false
  FROM base b CROSS JOIN LATERAL (SELECT grantee, privilege_type FROM aclexplode(b.baseline)
    EXCEPT SELECT grantee, privilege_type FROM aclexplode(b.acl)) g
)
SELECT i.target, i.col, i.action, i.is_grantable AS grantable,
  CASE WHEN i.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee,
  string_agg(i.privilege_type, ', ' ORDER BY i.privilege_type) AS privileges
FROM items i LEFT JOIN pg_roles r ON r.oid = i.grantee
GROUP BY 1, 2, 3, 4, 5
ORDER BY i.target, i.col NULLS FIRST, i.action DESC, 5`

// ALTER DEFAULT PRIVILEGES: those for the pulled schema (added to the global ones), and the database's global
// ones where they differ from acldefault, as pg_dump compares them.
const DEFAULT_PRIVILEGES = `
SELECT pg_get_userbyid(d.defaclrole) AS role, d.defaclnamespace <> 0 AS in_schema, d.defaclobjtype AS objtype, g.action,
  CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END AS grantee, g.is_grantable AS grantable,
  string_agg(g.privilege_type, ', ' ORDER BY g.privilege_type) AS privileges
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL (
  SELECT 'GRANT' AS action, a.grantee, a.privilege_type, a.is_grantable FROM (
    SELECT grantee, privilege_type, is_grantable FROM aclexplode(d.defaclacl)
    EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(CASE WHEN d.defaclnamespace = 0 THEN acldefault(d.defaclobjtype, d.defaclrole) END)) a
  UNION ALL
  SELECT 'REVOKE', b.grantee, b.privilege_type, false FROM (
    SELECT grantee, privilege_type FROM aclexplode(CASE WHEN d.defaclnamespace = 0 THEN acldefault(d.defaclobjtype, d.defaclrole) END)
    EXCEPT SELECT grantee, privilege_type FROM aclexplode(d.defaclacl)) b
) g
WHERE d.defaclnamespace = 0 OR n.nspname = $1
GROUP BY 1, 2, 3, 4, 5, 6
ORDER BY 1, 2, 3, 4 DESC, 5`

const DEFAULT_ACL_OBJECTS: Record<string, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' }

/** `COMMENT ON` for a row of {@link COMMENTS}, names relative to the pulled schema (which is on the search path). */
function commentOn(r: Record<string, unknown>, schema: string): string {
  const prefix = quoteIdent(schema) + '.'
  const identity = String(r.identity).split(prefix).join('')
  const type = String(r.type)
  let what: string
  if (type.endsWith(' column')) what = `COLUMN ${identity}`
  else if (type === 'table constraint') what = `CONSTRAINT ${identity}`
  else if (type === 'domain constraint') what = `CONSTRAINT ${identity.replace(/ on /, ' ON DOMAIN ')}`
  else if (type === 'statistics object') what = 'STATISTICS ' + identity
  else if (type === 'type' && r.typtype === 'd') what = 'DOMAIN ' + identity
  else if (type === 'policy' || type === 'trigger' || type === 'rule') what = `${type.toUpperCase()} ${identity.replace(/ on /, ' ON ')}`
  else what = `${type.toUpperCase()} ${identity}`
  return `COMMENT ON ${what} IS ${quoteLiteral(String(r.comment))};`
}

const ENABLE: Record<string, string> = { D: 'DISABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER' }
const withSemicolon = (sql: string) => sql.trim().replace(/;?$/, ';')

/**
 * What a Postgres schema holds beyond the introspected IR, each with SQL
 * that recreates it where the catalog can give one: row-level security and
 * policies, exclusion constraints, constraint options (NOT VALID, MATCH
 * FULL, NO INHERIT), triggers on views, disabled, constraint and
 * transition-table triggers, storage options, NULLS NOT DISTINCT indexes,
 * partitions, inheritance, unlogged tables, materialized views, standalone
 * sequences, domains and other user types, rules, procedures, aggregates
 * and the whitespace around function bodies that the DSL does not keep.
 */
export async function postgresUnmodelled(db: DbClient, ir: SchemaIR, schema: string): Promise<PullWarning[]> {
  const [saved] = await db.query<{ old: string; version: number }>(
    `SELECT current_setting('search_path') AS old, current_setting('server_version_num')::int AS version, set_config('search_path', $1, false) AS new`,
    [forceQuote(schema)],
  )
  try {
    const p2 = [schema, TOOL_TABLES]
    const out: PullWarning[] = []
    const add = (code: string, object: string, message: string, sql?: string, phase?: 'before') =>
      out.push({ code, object, message, ...(sql !== undefined ? { sql } : {}), ...(phase ? { phase } : {}) })
    const tools = Object.keys(OTHER_TOOLS_TABLES)
    for (const r of await db.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname = ANY ($2::text[]) ORDER BY 1`, [schema, tools]))
      out.push(toolTable(r.name))
    const partitions = new Set(ir.tables.flatMap((t) => (t.partitions ?? []).map((p) => p.name)))
    const serials = new Set(ir.tables.flatMap((t) => t.columns.filter((c) => c.type.kind === 'serial' || c.type.kind === 'bigserial').map((c) => `${t.name}|${c.name}`)))

    for (const r of await db.query(RELATIONS, p2)) {
      const name = String(r.name)
      const kind = String(r.kind)
      if (kind === 'm') add('pg-materialized-view', `materialized view ${name}`, 'materialized views are not modelled; kept as raw SQL', `CREATE MATERIALIZED VIEW ${q(name)} AS\n${withSemicolon(String(r.matview))}`)
      else if (kind === 'f') add('pg-foreign-table', `foreign table ${name}`, 'foreign tables are not modelled and were left out')
      else if (kind === 'S') {
        const [deptype, table, column] = (s(r.owner) ?? '').split('|')
        if (deptype === 'i' || serials.has(`${table}|${column}`)) {
          // A serial's or identity column's sequence is created by the column, with the defaults of its type (and for
          // an identity, the name `<table>_<column>_seq`); other options and names are set afterwards.
          const what = deptype === 'i' ? 'identity column' : 'serial'
          const type = /^AS (\S+) /.exec(String(r.sequence))?.[1] ?? 'bigint'
          const options = String(r.sequence).replace(/^AS \S+ /, '')
          const max = { smallint: '32767', integer: '2147483647' }[type] ?? '9223372036854775807'
          const current = name
          const defaultName = `${table}_${column}_seq`.slice(0, 63)
          if (deptype === 'i' && name !== defaultName) {
            add('pg-sequence-name', `sequence ${name}`, `the name of the identity column ${table}.${column}'s sequence is not modelled (Postgres names it ${defaultName}); kept as raw SQL`, `ALTER SEQUENCE ${q(defaultName)} RENAME TO ${q(name)};`)
          }
          if (options !== `INCREMENT BY 1 MINVALUE 1 MAXVALUE ${max} START WITH 1 CACHE 1`)
            add('pg-sequence-options', `sequence ${current}`, `the options of the ${what}'s sequence (${options}) are not modelled; kept as raw SQL`, `ALTER SEQUENCE ${q(current)} ${options} RESTART;`)
          continue
        }
        add('pg-sequence', `sequence ${name}`, 'sequences other than serial and identity ones are not modelled; kept as raw SQL, to run before the schema', `CREATE SEQUENCE ${q(name)} ${r.sequence};`, 'before')
        // OWNED BY names the table: it runs once the table exists.
        if (deptype === 'a') add('pg-sequence-owned-by', `sequence ${name}`, `OWNED BY ${table}.${column} is not modelled; kept as raw SQL`, `ALTER SEQUENCE ${q(name)} OWNED BY ${q(table!)}.${q(column!)};`)
      } else if (r.partition && !partitions.has(name)) {
        // A partition of a partition: its parent is pulled as a plain partition, so PARTITION OF cannot apply.
        add('pg-partition', `table ${name}`, `partitions of a partition are not modelled, and its parent ${r.parents} is pulled as a plain partition, so this partition (${r.bound}) was left out`)
        continue
      } else if (r.partition && kind === 'p')
        add('pg-subpartitioned', `table ${name}`, `PARTITION BY ${r.partkey} of a partition is not modelled: it is pulled as a plain partition of ${r.parents}`)
      if (r.rls || r.force_rls) {
        const force = r.force_rls ? `\nALTER TABLE ${q(name)} FORCE ROW LEVEL SECURITY;` : ''
        add('pg-rls', `table ${name}`, 'row-level security is not modelled; kept as raw SQL', `ALTER TABLE ${q(name)} ENABLE ROW LEVEL SECURITY;${force}`)
      }
      const identity = String(r.replident)
      if ((kind === 'r' || kind === 'p') && identity !== 'd') {
        const how = identity === 'f' ? 'FULL' : identity === 'n' ? 'NOTHING' : `USING INDEX ${q(String(r.replident_index))}`
        add('pg-replica-identity', `table ${name}`, `REPLICA IDENTITY ${how} is not modelled; kept as raw SQL`, `ALTER TABLE ${q(name)} REPLICA IDENTITY ${how};`)
      }
      if (r.persistence === 'u') add('pg-unlogged', `table ${name}`, 'UNLOGGED is not modelled; kept as raw SQL', `ALTER TABLE ${q(name)} SET UNLOGGED;`)
      if (s(r.options) !== undefined && kind !== 'S') add('pg-storage-options', `${kind === 'm' ? 'materialized view' : 'table'} ${name}`, `storage options (${r.options}) are not modelled; kept as raw SQL`, `ALTER ${kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE'} ${q(name)} SET (${r.options});`)
    }

    for (const r of await db.query(PARTITION_OWN, [schema])) {
      if (!partitions.has(String(r.table))) continue
      if (r.what === 'index') add('pg-partition-index', `index ${r.name} on partition ${r.table}`, 'an index of a partition alone (attached to no index of its parent) is not modelled; kept as raw SQL', withSemicolon(String(r.def)))
      else add('pg-partition-constraint', `constraint ${r.name} on partition ${r.table}`, 'a constraint of a partition alone is not modelled; kept as raw SQL', `ALTER TABLE ${q(String(r.table))} ADD CONSTRAINT ${q(String(r.name))} ${r.def};`)
    }
    for (const r of await db.query(POLICIES, [schema])) {
      const roles = String(r.roles).split(',').map((x) => (x === 'public' ? 'PUBLIC' : q(x))).join(', ')
      let sql = `CREATE POLICY ${q(String(r.name))} ON ${q(String(r.table))} AS ${r.permissive} FOR ${r.cmd} TO ${roles}`
      if (s(r.qual) !== undefined) sql += ` USING (${r.qual})`
      if (s(r.with_check) !== undefined) sql += ` WITH CHECK (${r.with_check})`
      add('pg-policy', `policy ${r.name} on ${r.table}`, 'row-level security policies are not modelled; kept as raw SQL', sql + ';')
    }

    for (const r of await db.query(CONSTRAINTS, p2)) {
      const t = q(String(r.table))
      const n = q(String(r.name))
      if (r.type === 'x') add('pg-exclusion', `constraint ${r.name} on ${r.table}`, 'exclusion constraints are not modelled; kept as raw SQL', `ALTER TABLE ${t} ADD CONSTRAINT ${n} ${r.def};`)
      else add('pg-constraint-options', `constraint ${r.name} on ${r.table}`, `options of "${r.def}" (NOT VALID, MATCH FULL, NO INHERIT, a deferrable key) are not modelled; kept as raw SQL`, `ALTER TABLE ${t} DROP CONSTRAINT ${n}, ADD CONSTRAINT ${n} ${r.def};`)
    }

    for (const r of await db.query(TRIGGERS, p2)) {
      const object = `trigger ${r.name} on ${r.table}`
      const def = withSemicolon(String(r.def))
      const drop = `DROP TRIGGER ${q(String(r.name))} ON ${q(String(r.table))};\n`
      if (r.kind !== 'r' && r.kind !== 'p') add('pg-trigger-on-view', object, 'triggers on views are not modelled; kept as raw SQL', def)
      else if (r.is_constraint) add('pg-constraint-trigger', object, 'constraint triggers are pulled as plain triggers; the original kept as raw SQL', drop + def)
      else if (r.transition) add('pg-transition-trigger', object, 'REFERENCING transition tables are not modelled; the original trigger kept as raw SQL', drop + def)
      if ((r.kind === 'r' || r.kind === 'p') && ENABLE[String(r.enabled)])
        add('pg-trigger-enabled', object, 'a disabled (or replica) trigger is not modelled; kept as raw SQL', `ALTER TABLE ${q(String(r.table))} ${ENABLE[String(r.enabled)]} ${q(String(r.name))};`)
    }

    for (const r of await db.query(indexes(saved!.version >= 150000), p2)) {
      if (r.nulls_not_distinct && !r.constraint_index) add('pg-index-nulls-not-distinct', `index ${r.name}`, 'NULLS NOT DISTINCT on an index is not modelled; kept as raw SQL', `DROP INDEX ${q(String(r.name))};\n${r.def};`)
      if (s(r.options) !== undefined) add('pg-storage-options', `index ${r.name}`, `storage options (${r.options}) are not modelled; kept as raw SQL`, `ALTER INDEX ${q(String(r.name))} SET (${r.options});`)
    }

    for (const r of await db.query(TYPES, [schema])) {
      const n = q(String(r.name))
      if (r.type === 'd') {
        const def = s(r.default) !== undefined ? ` DEFAULT ${r.default}` : ''
        add('pg-domain', `domain ${r.name}`, 'domains are not modelled (columns of it are pulled with t.custom); kept as raw SQL, to run before the schema', `CREATE DOMAIN ${n} AS ${r.base}${def}${r.not_null ? ' NOT NULL' : ''}${r.checks ?? ''};`, 'before')
      } else if (r.type === 'c') add('pg-composite-type', `type ${r.name}`, 'composite types are not modelled; kept as raw SQL, to run before the schema', `CREATE TYPE ${n} AS (${r.fields ?? ''});`, 'before')
      else if (r.type === 'r') add('pg-range-type', `type ${r.name}`, 'range types are not modelled; kept as raw SQL, to run before the schema', `CREATE TYPE ${n} AS RANGE (SUBTYPE = ${r.subtype});`, 'before')
      else add('pg-base-type', `type ${r.name}`, 'user-defined base types are not modelled and were left out')
    }

    for (const r of await db.query(FUNCTIONS, [schema])) {
      const object = `${r.kind === 'p' ? 'procedure' : r.kind === 'a' ? 'aggregate' : 'function'} ${r.name}(${r.args})`
      const def = s(r.def) === undefined ? undefined : withSemicolon(String(r.def))
      if (r.kind === 'a') {
        // Before the schema: views the schema keeps may use it. Its support functions come first (the schema's
        // CREATE OR REPLACE of the same functions then changes nothing).
        if (s(r.aggregate) === undefined) add('pg-aggregate', object, 'ordered-set and hypothetical-set aggregates are not modelled and were left out')
        else
          add('pg-aggregate', object, 'aggregates are not modelled; kept as raw SQL, to run before the schema',
            `${s(r.support) !== undefined ? withSemicolon(String(r.support)) + '\n' : ''}CREATE AGGREGATE ${q(String(r.name))}(${r.args}) (${r.aggregate});`, 'before')
      }
      else if (r.kind === 'p') add('pg-procedure', object, 'procedures are not modelled; kept as raw SQL', def)
      else if (r.kind === 'w') add('pg-window-function', object, 'window functions are not modelled; kept as raw SQL', def)
      // The DSL writes a body on lines of its own; other surrounding whitespace is part of the stored source.
      // A SQL-standard body (empty prosrc) is written back from its definition, layout and all.
      else if (r.language !== 'c' && r.language !== 'internal' && String(r.src) !== '' && String(r.src) !== `\n${String(r.src).trim()}\n`)
        add('pg-function-body-layout', object, 'the whitespace around the function body is not kept by the DSL; the exact definition kept as raw SQL', def)
    }

    for (const r of await db.query(RULES, [schema])) add('pg-rule', `rule ${r.name} on ${r.table}`, 'rules are not modelled; kept as raw SQL', withSemicolon(String(r.def)))

    for (const r of await db.query(MATVIEW_INDEXES, [schema]))
      add('pg-materialized-view-index', `index ${r.name} on materialized view ${r.table}`, 'indexes on materialized views are not modelled; kept as raw SQL', withSemicolon(String(r.def)))
    for (const r of await db.query(STATISTICS, [schema])) add('pg-statistics', `statistics ${r.name}`, 'CREATE STATISTICS is not modelled; kept as raw SQL', withSemicolon(String(r.def)))
    for (const r of await db.query(COLUMN_STATISTICS, p2))
      add('pg-column-statistics', `column ${r.table}.${r.column}`, `SET STATISTICS ${r.target} is not modelled; kept as raw SQL`, `ALTER TABLE ${q(String(r.table))} ALTER COLUMN ${q(String(r.column))} SET STATISTICS ${r.target};`)
    for (const r of await db.query(OPERATORS, [schema])) {
      const args = [s(r.left) !== undefined && r.left !== '-' ? `LEFTARG = ${r.left}` : '', s(r.right) !== undefined && r.right !== '-' ? `RIGHTARG = ${r.right}` : ''].filter(Boolean)
      const extra = [s(r.commutator) ? `COMMUTATOR = OPERATOR(${String(r.commutator).replace(/\(.*$/, '')})` : '', s(r.negator) ? `NEGATOR = OPERATOR(${String(r.negator).replace(/\(.*$/, '')})` : ''].filter(Boolean)
      add('pg-operator', `operator ${r.name}(${[r.left, r.right].map((x) => (s(x) === undefined || x === '-' ? 'NONE' : x)).join(', ')})`, 'operators are not modelled; kept as raw SQL',
        `CREATE OPERATOR ${r.name} (${[`FUNCTION = ${r.function}`, ...args, ...extra].join(', ')});`)
    }
    for (const r of await db.query(PUBLICATIONS, [schema])) {
      const what = r.all_tables ? ' FOR ALL TABLES' : s(r.tables) !== undefined ? ` FOR TABLE ${r.tables}` : ''
      add('pg-publication', `publication ${r.name}`, 'publications are not modelled; kept as raw SQL', `CREATE PUBLICATION ${q(String(r.name))}${what} WITH (publish = '${r.publish}');`)
    }
    for (const r of await db.query(PRIVILEGES, p2)) {
      const privileges = s(r.col) !== undefined ? String(r.privileges).split(', ').map((x) => `${x} (${r.col})`).join(', ') : String(r.privileges)
      const on = `${privileges} ON ${r.target}`
      const sql = r.action === 'GRANT' ? `GRANT ${on} TO ${r.grantee}${r.grantable ? ' WITH GRANT OPTION' : ''};` : `REVOKE ${on} FROM ${r.grantee};`
      add('pg-privileges', `${String(r.action).toLowerCase()} on ${String(r.target).toLowerCase().replace(/^(\S+) /, '$1 ')}${s(r.col) !== undefined ? `.${r.col}` : ''} ${r.action === 'GRANT' ? 'to' : 'from'} ${r.grantee}`,
        'privileges (GRANT/REVOKE) are not modelled; kept as raw SQL (the roles must exist where it runs)', sql)
    }
    for (const r of await db.query(DEFAULT_PRIVILEGES, [schema])) {
      const objects = DEFAULT_ACL_OBJECTS[String(r.objtype)] ?? String(r.objtype)
      const scope = `FOR ROLE ${q(String(r.role))}${r.in_schema ? ` IN SCHEMA ${q(schema)}` : ''}`
      const on = `${r.privileges} ON ${objects}`
      const sql = `ALTER DEFAULT PRIVILEGES ${scope} ${r.action === 'GRANT' ? `GRANT ${on} TO ${r.grantee}${r.grantable ? ' WITH GRANT OPTION' : ''}` : `REVOKE ${on} FROM ${r.grantee}`};`
      add('pg-default-privileges', `default privileges of ${r.role}${r.in_schema ? ` in schema ${schema}` : ''} on ${objects.toLowerCase()} ${r.action === 'GRANT' ? 'to' : 'from'} ${r.grantee}`,
        'default privileges (ALTER DEFAULT PRIVILEGES) are not modelled; kept as raw SQL (the roles must exist where it runs)', sql)
    }
    for (const r of await db.query(COMMENTS, p2)) {
      const sql = commentOn(r, schema)
      add('pg-comment', `comment on ${String(r.type)} ${String(r.identity).split(q(schema) + '.').join('')}`, 'the comment of an object outside the model (or recreated as raw SQL) is kept as raw SQL', sql)
    }
    for (const r of await db.query(SCHEMAS, [schema])) {
      const comment = s(r.comment)
      if (r.pulled) {
        // `standard public schema` is the comment initdb gives public (before Postgres 15 as well).
        if (comment !== undefined && !(r.name === 'public' && comment === 'standard public schema'))
          add('pg-schema-comment', `schema ${r.name}`, 'COMMENT ON SCHEMA is not modelled; kept as raw SQL', `COMMENT ON SCHEMA ${q(String(r.name))} IS ${quoteLiteral(comment)};`)
      } else
        add('pg-other-schema', `schema ${r.name}`, `only schema ${schema} was read; this one (${r.relations} relations, ${r.routines} routines) is not modelled and was left out: pull it with --pg-schema ${r.name}`)
    }
    return out
  } finally {
    await db.query(`SELECT set_config('search_path', $1, false)`, [saved?.old ?? ''])
  }
}
