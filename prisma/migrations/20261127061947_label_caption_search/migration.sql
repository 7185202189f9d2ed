-- Trigram operators for the dataset browser's caption search (contrib module shipped with
-- PostgreSQL; Prisma's schema language cannot declare extensions without a preview feature).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Label_caption_trgm_idx" ON "Label" USING GIN ("caption" gin_trgm_ops);
