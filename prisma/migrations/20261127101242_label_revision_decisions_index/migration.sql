-- CreateIndex
CREATE INDEX "LabelRevision_decisions_idx" ON "LabelRevision"("labelId", "createdAt", "id") WHERE (action = ANY (ARRAY['APPROVE'::"RevisionAction", 'REJECT'::"RevisionAction"]));
