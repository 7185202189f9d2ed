import type { WorkflowStep } from '@captionary/shared';

interface StepSummary {
  id: string;
  name: string;
  type: WorkflowStep['type'];
}

const TYPE_LABELS: Record<WorkflowStep['type'], string> = {
  label: 'Label',
  review: 'Review',
  rework: 'Rework',
  done: 'Done',
};

/**
 * The workflow as a read-only step diagram: the main path left to right, and the rework step
 * below it (rejected captions go there, then back to review).
 */
export function WorkflowDiagram({ steps }: { steps: StepSummary[] }) {
  const mainPath = steps.filter((step) => step.type !== 'rework');
  const rework = steps.find((step) => step.type === 'rework');
  return (
    <div className="workflow">
      <ol className="workflow__path" aria-label="Workflow steps in order">
        {mainPath.map((step) => (
          <li key={step.id} className="workflow__item">
            <span className={`workflow__step workflow__step--${step.type}`}>
              <span className="workflow__type">{TYPE_LABELS[step.type]}</span>
              <span className="workflow__name">{step.name}</span>
            </span>
          </li>
        ))}
      </ol>
      {rework ? (
        <p className="workflow__rework">
          <span className="workflow__step workflow__step--rework">
            <span className="workflow__type">{TYPE_LABELS.rework}</span>
            <span className="workflow__name">{rework.name}</span>
          </span>
          <span className="muted">Rejected in review → {rework.name} → back to review</span>
        </p>
      ) : null}
    </div>
  );
}
