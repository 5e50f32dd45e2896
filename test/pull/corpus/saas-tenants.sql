--
-- A multi-tenant SaaS schema with row-level security, written for schemaforge's corpus in the style of pg_dump --schema-only.
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE FUNCTION public.current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog'
    AS $$
SELECT nullif(current_setting('app.tenant', true), '')::uuid
$$;

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE public.tenants (
    id uuid DEFAULT public.gen_random_uuid() NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

COMMENT ON TABLE public.tenants IS '고객사';

CREATE TABLE public.projects (
    id uuid DEFAULT public.gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    title text NOT NULL,
    archived boolean DEFAULT false NOT NULL
);

ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.projects FORCE ROW LEVEL SECURITY;

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_tenant_title UNIQUE (tenant_id, title) DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX projects_live ON public.projects USING btree (tenant_id) WHERE (NOT archived);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE NOT VALID;

CREATE POLICY tenant_isolation ON public.projects USING ((tenant_id = public.current_tenant())) WITH CHECK ((tenant_id = public.current_tenant()));
