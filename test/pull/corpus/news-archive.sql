--
-- A newsroom archive with full-text search ("기사 검색"), written for schemaforge's corpus in the style of pg_dump --schema-only.
-- A custom text search configuration, tsvector columns kept by plpgsql trigger functions, trigram indexes,
-- IMMUTABLE functions in index expressions, materialized views with unique and expression indexes, views over views.
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

COMMENT ON EXTENSION unaccent IS 'text search dictionary that removes accents';

CREATE TYPE public.article_state AS ENUM (
    'draft',
    'review',
    'published',
    'retracted'
);

COMMENT ON TYPE public.article_state IS '기사 상태';

CREATE FUNCTION public.immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
SELECT public.unaccent('public.unaccent'::regdictionary, $1)
$_$;

COMMENT ON FUNCTION public.immutable_unaccent(text) IS '인덱스용 unaccent (IMMUTABLE 래퍼)';

CREATE FUNCTION public.normalize_tag(tag text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(btrim(tag));

CREATE FUNCTION public.articles_search_refresh() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('simple', coalesce(NEW.headline, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(NEW.subhead, '')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION public.articles_search_refresh() IS '검색 벡터 갱신';

CREATE FUNCTION public.articles_log_revision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.body IS DISTINCT FROM OLD.body THEN
    INSERT INTO public.article_revisions (article_id, body, edited_by)
    VALUES (OLD.id, OLD.body, OLD.updated_by);
  END IF;
  RETURN NULL;
END;
$$;

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE public.sections (
    id smallint NOT NULL,
    slug character varying(32) NOT NULL,
    title text NOT NULL,
    sort_order smallint DEFAULT 0 NOT NULL
);

COMMENT ON TABLE public.sections IS '섹션 (정치, 경제, ...)';

CREATE TABLE public.reporters (
    id integer NOT NULL,
    byline text NOT NULL,
    email text NOT NULL,
    desk_id smallint
);

COMMENT ON TABLE public.reporters IS '기자';

CREATE SEQUENCE public.reporters_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.reporters_id_seq OWNED BY public.reporters.id;

CREATE TABLE public.articles (
    id bigint NOT NULL,
    section_id smallint NOT NULL,
    state public.article_state DEFAULT 'draft'::public.article_state NOT NULL,
    headline text NOT NULL,
    subhead text,
    body text DEFAULT ''::text NOT NULL,
    search tsvector,
    published_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by integer,
    word_count integer GENERATED ALWAYS AS (array_length(regexp_split_to_array(body, '\s+'::text), 1)) STORED
);

COMMENT ON TABLE public.articles IS '기사';
COMMENT ON COLUMN public.articles.search IS '검색용 tsvector (트리거로 갱신)';

CREATE SEQUENCE public.articles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.articles_id_seq OWNED BY public.articles.id;

CREATE TABLE public.article_authors (
    article_id bigint NOT NULL,
    reporter_id integer NOT NULL,
    role text DEFAULT 'writer'::text NOT NULL
);

CREATE TABLE public.article_revisions (
    id bigint NOT NULL,
    article_id bigint NOT NULL,
    body text NOT NULL,
    edited_by integer,
    edited_at timestamp with time zone DEFAULT now() NOT NULL
);

COMMENT ON TABLE public.article_revisions IS '본문 수정 이력';

ALTER TABLE public.article_revisions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.article_revisions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.tags (
    article_id bigint NOT NULL,
    tag text NOT NULL
);

CREATE TABLE public.page_views (
    article_id bigint NOT NULL,
    viewed_on date NOT NULL,
    views integer DEFAULT 0 NOT NULL
);

COMMENT ON TABLE public.page_views IS '일별 조회수';

CREATE VIEW public.published_articles AS
 SELECT a.id,
    a.section_id,
    a.headline,
    a.subhead,
    a.published_at,
    a.search
   FROM public.articles a
  WHERE (a.state = 'published'::public.article_state);

CREATE VIEW public.front_page AS
 SELECT p.id,
    s.slug AS section,
    p.headline,
    p.published_at
   FROM (public.published_articles p
     JOIN public.sections s ON ((s.id = p.section_id)))
  WHERE (p.published_at > (now() - '2 days'::interval))
  ORDER BY p.published_at DESC;

COMMENT ON VIEW public.front_page IS '1면 (최근 이틀)';

CREATE MATERIALIZED VIEW public.tag_counts AS
 SELECT public.normalize_tag(t.tag) AS tag,
    count(*) AS articles,
    max(a.published_at) AS last_used
   FROM (public.tags t
     JOIN public.published_articles a ON ((a.id = t.article_id)))
  GROUP BY (public.normalize_tag(t.tag))
  WITH NO DATA;

COMMENT ON MATERIALIZED VIEW public.tag_counts IS '태그별 기사 수';

CREATE MATERIALIZED VIEW public.monthly_views AS
 SELECT v.article_id,
    (date_trunc('month'::text, (v.viewed_on)::timestamp with time zone))::date AS month,
    sum(v.views) AS views
   FROM public.page_views v
  GROUP BY v.article_id, ((date_trunc('month'::text, (v.viewed_on)::timestamp with time zone))::date)
  WITH NO DATA;

ALTER TABLE ONLY public.articles ALTER COLUMN id SET DEFAULT nextval('public.articles_id_seq'::regclass);

ALTER TABLE ONLY public.reporters ALTER COLUMN id SET DEFAULT nextval('public.reporters_id_seq'::regclass);

ALTER TABLE ONLY public.article_authors
    ADD CONSTRAINT article_authors_pkey PRIMARY KEY (article_id, reporter_id);

ALTER TABLE ONLY public.article_revisions
    ADD CONSTRAINT article_revisions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.page_views
    ADD CONSTRAINT page_views_pkey PRIMARY KEY (article_id, viewed_on);

ALTER TABLE ONLY public.reporters
    ADD CONSTRAINT reporters_email_key UNIQUE (email);

ALTER TABLE ONLY public.reporters
    ADD CONSTRAINT reporters_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sections
    ADD CONSTRAINT sections_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sections
    ADD CONSTRAINT sections_slug_key UNIQUE (slug);

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (article_id, tag);

CREATE INDEX articles_headline_trgm_idx ON public.articles USING gin (public.immutable_unaccent(headline) public.gin_trgm_ops);

CREATE INDEX articles_published_idx ON public.articles USING btree (section_id, published_at DESC NULLS LAST) WHERE (state = 'published'::public.article_state);

CREATE INDEX articles_search_idx ON public.articles USING gin (search);

CREATE INDEX monthly_views_month_idx ON public.monthly_views USING btree (month, views DESC);

CREATE UNIQUE INDEX monthly_views_pk ON public.monthly_views USING btree (article_id, month);

CREATE UNIQUE INDEX tag_counts_tag_idx ON public.tag_counts USING btree (tag);

CREATE INDEX tag_counts_trgm_idx ON public.tag_counts USING gist (tag public.gist_trgm_ops);

CREATE INDEX tags_normalized_idx ON public.tags USING btree (public.normalize_tag(tag));

CREATE TRIGGER articles_log_revision AFTER UPDATE OF body ON public.articles FOR EACH ROW EXECUTE FUNCTION public.articles_log_revision();

CREATE TRIGGER articles_search_refresh BEFORE INSERT OR UPDATE OF headline, subhead, body ON public.articles FOR EACH ROW EXECUTE FUNCTION public.articles_search_refresh();

ALTER TABLE ONLY public.article_authors
    ADD CONSTRAINT article_authors_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.article_authors
    ADD CONSTRAINT article_authors_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES public.reporters(id);

ALTER TABLE ONLY public.article_revisions
    ADD CONSTRAINT article_revisions_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_section_id_fkey FOREIGN KEY (section_id) REFERENCES public.sections(id);

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.reporters(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.page_views
    ADD CONSTRAINT page_views_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;
