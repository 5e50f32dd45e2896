import { BOOKKEEPING_TABLES } from '../../migrate/driver.js'

/**
 * Catalog queries of the Postgres introspector. Each reads one kind of
 * object for a whole schema (`$1` = schema name), so their number does not
 * grow with the number of tables.
 */

// Tables that belong to migration tools (ours and others'), not to the user's schema.
export const TOOL_TABLES = [...BOOKKEEPING_TABLES]

const inSchema = `n.nspname = $1 AND c.relname <> ALL ($2::text[])`

// Objects created by CREATE EXTENSION are the extension's, not the schema's.
const notFromExtension = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${classTable}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`

// A partitioned table's key, and its partitions (a partition that is itself partitioned is read by pull's unmodelled reader).
// Functions a type made for itself (a range type's constructors and its multirange's): created by CREATE TYPE, as pg_dump leaves them.
export const notOfType = (oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dt WHERE dt.classid = 'pg_proc'::regclass AND dt.objid = ${oid} AND dt.refclassid = 'pg_type'::regclass AND dt.deptype = 'i')`

export const TABLES = `
SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
  CASE WHEN c.relkind = 'p' THEN (SELECT json_agg(json_build_object('name', pc.relname, 'bound', pg_get_expr(pc.relpartbound, pc.oid),
      'comment', obj_description(pc.oid, 'pg_class')) ORDER BY pc.relname)
    FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhrelid WHERE i.inhparent = c.oid) END AS partitions,
  ARRAY(SELECT p.relname::text FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid ORDER BY i.inhseqno) AS parents
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${inSchema} AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY c.relname`

export const COLUMNS = `
SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
  pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity, a.attgenerated AS generated,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN co.collname::text END AS collation,
  col_description(c.oid, a.attnum) AS comment, NOT a.attislocal AS inherited,
  (SELECT s.oid::regclass::text || '|' || s.relname || '|' || format_type(q.seqtypid, NULL)
     FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' JOIN pg_sequence q ON q.seqrelid = s.oid
    WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid
      AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' LIMIT 1) AS owned_sequence
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${inSchema} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`

const attnames = (keys: string, rel: string) =>
  `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num ORDER BY k.ord)`

export const CONSTRAINTS = `
SELECT c.relname AS table, con.conname AS name, con.contype AS type, pg_get_constraintdef(con.oid) AS def,
  ${attnames('con.conkey', 'con.conrelid')} AS columns,
  ${attnames('con.confkey', 'con.confrelid')} AS ref_columns,
  rc.relname AS ref_table, con.confupdtype AS on_update, con.confdeltype AS on_delete,
  con.condeferrable AS deferrable, con.condeferred AS deferred, NOT con.conislocal AS inherited,
  obj_description(con.oid, 'pg_constraint') AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
WHERE con.contype IN ('p', 'u', 'c', 'f') AND ${inSchema}
ORDER BY c.relname, con.conname`

export const INDEXES = `
SELECT c.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisvalid AS valid, am.amname AS method,
  pg_get_expr(x.indpred, x.indrelid) AS predicate, obj_description(i.oid, 'pg_class') AS comment,
  (SELECT json_agg(json_build_object(
      'column', a.attname,
      'def', pg_get_indexdef(x.indexrelid, k, true),
      'key', k <= x.indnkeyatts,
      'option', CASE WHEN k <= x.indnkeyatts THEN x.indoption[k - 1] END,
      'opclass', CASE WHEN k <= x.indnkeyatts AND NOT opc.opcdefault THEN opc.opcname END,
      'collation', CASE WHEN a.attnum IS NOT NULL AND x.indcollation[k - 1] <> a.attcollation THEN ic.collname END
    ) ORDER BY k)
    FROM generate_series(1, x.indnatts) k
    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1] AND x.indkey[k - 1] <> 0
    LEFT JOIN pg_opclass opc ON k <= x.indnkeyatts AND opc.oid = x.indclass[k - 1]
    LEFT JOIN pg_collation ic ON k <= x.indnkeyatts AND ic.oid = x.indcollation[k - 1]) AS parts
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE c.relkind IN ('r', 'p') AND ${inSchema}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint pc WHERE pc.conindid = x.indexrelid AND pc.conrelid = x.indrelid AND pc.contype IN ('p', 'u', 'x'))
ORDER BY c.relname, i.relname`

export const ENUMS = `
SELECT t.typname AS name, obj_description(t.oid, 'pg_type') AS comment,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = $1 AND ${notFromExtension('pg_type', 't.oid')}
ORDER BY t.typname`

export const TRIGGERS = `
SELECT c.relname AS table, tg.tgname AS name, tg.tgtype AS type, pg_get_triggerdef(tg.oid) AS def,
  ${attnames('tg.tgattr', 'tg.tgrelid')} AS update_of,
  obj_description(tg.oid, 'pg_trigger') AS comment
FROM pg_trigger tg
JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal AND ${inSchema}
ORDER BY c.relname, tg.tgname`

export const VIEWS = `
SELECT c.relname AS name, pg_get_viewdef(c.oid, true) AS definition, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND ${inSchema} AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY c.relname`

export const FUNCTIONS = `
SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS returns,
  l.lanname AS language, p.prosrc AS body, obj_description(p.oid, 'pg_proc') AS comment,
  p.provolatile AS volatility, p.proisstrict AS strict, p.prosecdef AS security_definer, p.proleakproof AS leakproof,
  p.proparallel AS parallel, p.procost AS cost, p.prorows AS rows, p.proretset AS returns_set, p.proconfig AS config,
  -- A SQL-standard body (RETURN …, BEGIN ATOMIC … END) is not source text: prosrc is empty and only the definition has it.
  CASE WHEN l.lanname = 'sql' AND p.prosrc = '' THEN pg_get_functiondef(p.oid) END AS definition
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = $1 AND p.prokind = 'f' AND ${notFromExtension('pg_proc', 'p.oid')} AND ${notOfType('p.oid')}
ORDER BY p.proname, pg_get_function_arguments(p.oid)`

// Extensions are database-wide. A description equal to the control file's
// default is the extension's own, not the user's.
export const EXTENSIONS = `
SELECT e.extname AS name,
  CASE WHEN obj_description(e.oid, 'pg_extension') IS DISTINCT FROM av.comment THEN obj_description(e.oid, 'pg_extension') END AS comment
FROM pg_extension e LEFT JOIN pg_available_extensions av ON av.name = e.extname
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname`
