-- CreateIndex
CREATE INDEX "WorkItem_assignedToId_projectId_stepId_enteredStepAt_idx" ON "WorkItem"("assignedToId", "projectId", "stepId", "enteredStepAt");
