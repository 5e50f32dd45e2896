--
-- A blog with full-text search, written for schemaforge's corpus in the style of pg_dump --schema-only.
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

CREATE FUNCTION public.slugify(title text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
BEGIN
  RETURN regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g');
END;
$$;

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE public.authors (
    id bigint NOT NULL,
    handle character varying(40) NOT NULL,
    display_name text NOT NULL
);

CREATE SEQUENCE public.authors_id_seq
    START WITH 1000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.authors_id_seq OWNED BY public.authors.id;

CREATE TABLE public.posts (
    id bigint NOT NULL,
    author_id bigint NOT NULL,
    author_handle character varying(40),
    title text NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    search tsvector,
    addresses inet[],
    published_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.posts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.posts_id_seq OWNED BY public.posts.id;

CREATE FUNCTION public.posts_by(handle text) RETURNS SETOF public.posts
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT p.id, p.author_id, p.author_handle, p.title, p.body, p.search, p.addresses, p.published_at, p.updated_at
    FROM (public.posts p
      JOIN public.authors a ON ((a.id = p.author_id)))
   WHERE ((a.handle)::text = posts_by.handle);
END;

ALTER TABLE ONLY public.authors ALTER COLUMN id SET DEFAULT nextval('public.authors_id_seq'::regclass);

ALTER TABLE ONLY public.posts ALTER COLUMN id SET DEFAULT nextval('public.posts_id_seq'::regclass);

ALTER TABLE ONLY public.authors
    ADD CONSTRAINT authors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX authors_handle_key ON public.authors USING btree (handle);

CREATE INDEX posts_search_idx ON public.posts USING gin (search);

CREATE UNIQUE INDEX posts_slug_idx ON public.posts USING btree (public.slugify(title));

CREATE TRIGGER posts_search_update BEFORE INSERT OR UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('search', 'pg_catalog.english', 'title', 'body');

CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_author_handle_fkey FOREIGN KEY (author_handle) REFERENCES public.authors(handle) ON UPDATE CASCADE;
