--
-- A shop's reporting schema, written for schemaforge's corpus in the style of pg_dump --schema-only.
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

COMMENT ON SCHEMA public IS 'shop reporting';

CREATE DOMAIN public.money_amount AS numeric(12,2) NOT NULL
	CONSTRAINT money_amount_check CHECK ((VALUE >= (0)::numeric));

CREATE TYPE public.order_state AS ENUM (
    'cart',
    'paid',
    'shipped'
);

CREATE FUNCTION public.mul_state(acc numeric, x numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
SELECT acc * x
$$;

CREATE AGGREGATE public.product(numeric) (
    SFUNC = public.mul_state,
    STYPE = numeric,
    INITCOND = '1'
);

CREATE FUNCTION public.order_total(order_id bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$
SELECT coalesce(sum(quantity * unit_price), 0) FROM public.order_lines WHERE order_lines.order_id = order_total.order_id
$$;

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE public.orders (
    id bigint NOT NULL,
    state public.order_state DEFAULT 'cart'::public.order_state NOT NULL,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    region text NOT NULL,
    city text NOT NULL
);

ALTER TABLE ONLY public.orders REPLICA IDENTITY FULL;

ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.order_lines (
    order_id bigint NOT NULL,
    line integer NOT NULL,
    quantity integer NOT NULL,
    unit_price public.money_amount,
    CONSTRAINT order_lines_quantity_check CHECK ((quantity > 0))
);

ALTER TABLE ONLY public.order_lines ALTER COLUMN quantity SET STATISTICS 1000;

CREATE VIEW public.growth AS
 SELECT public.product((1)::numeric + ((line)::numeric / 100.0)) AS factor
   FROM public.order_lines;

CREATE MATERIALIZED VIEW public.daily_revenue AS
 SELECT date_trunc('day'::text, o.placed_at) AS day,
    sum(((l.quantity)::numeric * (l.unit_price)::numeric)) AS revenue
   FROM (public.orders o
     JOIN public.order_lines l ON ((l.order_id = o.id)))
  GROUP BY (date_trunc('day'::text, o.placed_at))
  WITH NO DATA;

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX daily_revenue_day ON public.daily_revenue USING btree (day);

CREATE INDEX orders_placed_idx ON public.orders USING brin (placed_at);

CREATE STATISTICS public.orders_region_city (dependencies) ON region, city FROM public.orders;

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;

CREATE PUBLICATION orders_pub FOR TABLE ONLY public.orders WITH (publish = 'insert, update, delete');
