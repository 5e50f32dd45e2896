--
-- A background job queue and scheduler ("작업 큐"), written for schemaforge's corpus in the style of pg_dump --schema-only.
-- Jobs partitioned by state (LIST with DEFAULT), a finished-job archive by week (RANGE), a ticket counter sequence
-- that cycles, partial indexes for SKIP LOCKED polling, NOTIFY trigger functions and extended statistics.
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;

CREATE TYPE public.job_state AS ENUM (
    'scheduled',
    'available',
    'running',
    'retryable',
    'completed',
    'discarded',
    'cancelled'
);

COMMENT ON TYPE public.job_state IS '작업 상태';

CREATE FUNCTION public.jobs_notify() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF NEW.state = 'available' THEN
    PERFORM pg_notify('jobs_' || NEW.queue, NEW.id::text);
  END IF;
  RETURN NULL;
END;
$$;

COMMENT ON FUNCTION public.jobs_notify() IS '대기열에 작업 알림 (LISTEN jobs_<queue>)';

CREATE FUNCTION public.backoff_seconds(attempt integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
SELECT least(3600, (power(2, attempt))::integer + 15)
$$;

CREATE SEQUENCE public.ticket_counter
    AS integer
    START WITH 1
    INCREMENT BY 1
    MINVALUE 1
    MAXVALUE 9999
    CACHE 1
    CYCLE;

COMMENT ON SEQUENCE public.ticket_counter IS '사람이 읽는 작업 번호 (0001-9999 순환)';

CREATE SEQUENCE public.job_id_seq
    START WITH 1000000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 100;

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE public.queues (
    name character varying(64) NOT NULL,
    concurrency integer DEFAULT 10 NOT NULL,
    paused_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT queues_concurrency_check CHECK ((concurrency > 0))
);

COMMENT ON TABLE public.queues IS '대기열';

CREATE TABLE public.jobs (
    id bigint DEFAULT nextval('public.job_id_seq'::regclass) NOT NULL,
    state public.job_state DEFAULT 'available'::public.job_state NOT NULL,
    queue character varying(64) DEFAULT 'default'::character varying NOT NULL,
    kind text NOT NULL,
    args jsonb DEFAULT '{}'::jsonb NOT NULL,
    priority smallint DEFAULT 1 NOT NULL,
    attempt smallint DEFAULT 0 NOT NULL,
    max_attempts smallint DEFAULT 25 NOT NULL,
    ticket integer DEFAULT nextval('public.ticket_counter'::regclass) NOT NULL,
    scheduled_at timestamp with time zone DEFAULT now() NOT NULL,
    attempted_at timestamp with time zone,
    errors jsonb[],
    tags character varying(255)[] DEFAULT '{}'::character varying[] NOT NULL,
    CONSTRAINT jobs_attempt_check CHECK ((attempt <= max_attempts)),
    CONSTRAINT jobs_priority_check CHECK (((priority >= 1) AND (priority <= 4)))
)
PARTITION BY LIST (state);

COMMENT ON TABLE public.jobs IS '작업 (상태별 파티션)';

CREATE TABLE public.jobs_ready PARTITION OF public.jobs FOR VALUES IN ('available', 'retryable', 'scheduled');

CREATE TABLE public.jobs_running PARTITION OF public.jobs FOR VALUES IN ('running');

CREATE TABLE public.jobs_finished PARTITION OF public.jobs DEFAULT;

COMMENT ON TABLE public.jobs_finished IS '끝난 작업 (완료, 폐기, 취소)';

CREATE TABLE public.job_archive (
    id bigint NOT NULL,
    queue character varying(64) NOT NULL,
    kind text NOT NULL,
    final_state public.job_state NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    args jsonb NOT NULL
)
PARTITION BY RANGE (finished_at);

COMMENT ON TABLE public.job_archive IS '작업 보관 (주별 파티션)';

CREATE TABLE public.job_archive_2026w01 PARTITION OF public.job_archive FOR VALUES FROM ('2025-12-29 00:00:00+00') TO ('2026-01-05 00:00:00+00');
CREATE TABLE public.job_archive_2026w02 PARTITION OF public.job_archive FOR VALUES FROM ('2026-01-05 00:00:00+00') TO ('2026-01-12 00:00:00+00');
CREATE TABLE public.job_archive_2026w03 PARTITION OF public.job_archive FOR VALUES FROM ('2026-01-12 00:00:00+00') TO ('2026-01-19 00:00:00+00');
CREATE TABLE public.job_archive_2026w04 PARTITION OF public.job_archive FOR VALUES FROM ('2026-01-19 00:00:00+00') TO ('2026-01-26 00:00:00+00');
CREATE TABLE public.job_archive_old PARTITION OF public.job_archive FOR VALUES FROM (MINVALUE) TO ('2025-12-29 00:00:00+00');

CREATE TABLE public.periodic_jobs (
    id integer NOT NULL,
    queue character varying(64) NOT NULL,
    kind text NOT NULL,
    cron text NOT NULL,
    args jsonb DEFAULT '{}'::jsonb NOT NULL,
    next_run_at timestamp with time zone NOT NULL,
    enabled boolean DEFAULT true NOT NULL
);

COMMENT ON TABLE public.periodic_jobs IS '주기 작업 (cron)';
COMMENT ON COLUMN public.periodic_jobs.cron IS 'cron 표현식 (분 시 일 월 요일)';

ALTER TABLE public.periodic_jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.periodic_jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.workers (
    id uuid NOT NULL,
    hostname text NOT NULL,
    queues character varying(64)[] NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    heartbeat_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE UNLOGGED TABLE public.leader (
    name text NOT NULL,
    worker_id uuid NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

COMMENT ON TABLE public.leader IS '리더 선출 (재시작 시 비워도 됨)';

ALTER TABLE ONLY public.leader
    ADD CONSTRAINT leader_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.periodic_jobs
    ADD CONSTRAINT periodic_jobs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.periodic_jobs
    ADD CONSTRAINT periodic_jobs_queue_kind_key UNIQUE (queue, kind);

ALTER TABLE ONLY public.queues
    ADD CONSTRAINT queues_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.workers
    ADD CONSTRAINT workers_pkey PRIMARY KEY (id);

ALTER TABLE public.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (state, id);

ALTER TABLE public.job_archive
    ADD CONSTRAINT job_archive_pkey PRIMARY KEY (finished_at, id);

CREATE INDEX jobs_fetch_idx ON public.jobs USING btree (queue, priority, scheduled_at, id) WHERE (state = ANY (ARRAY['available'::public.job_state, 'retryable'::public.job_state]));

CREATE INDEX jobs_kind_idx ON public.jobs USING btree (kind);

CREATE INDEX jobs_args_idx ON public.jobs USING gin (args);

CREATE INDEX job_archive_queue_idx ON public.job_archive USING btree (queue, finished_at DESC);

CREATE INDEX workers_heartbeat_idx ON public.workers USING btree (heartbeat_at);

CREATE STATISTICS public.jobs_queue_kind (ndistinct, mcv) ON queue, kind FROM public.jobs;

CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE OF state ON public.jobs FOR EACH ROW EXECUTE FUNCTION public.jobs_notify();

ALTER TABLE public.jobs
    ADD CONSTRAINT jobs_queue_fkey FOREIGN KEY (queue) REFERENCES public.queues(name) ON UPDATE CASCADE;

ALTER TABLE ONLY public.periodic_jobs
    ADD CONSTRAINT periodic_jobs_queue_fkey FOREIGN KEY (queue) REFERENCES public.queues(name) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.leader
    ADD CONSTRAINT leader_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.workers(id) ON DELETE CASCADE;
