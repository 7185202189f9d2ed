'use client';

import { ROLES, type TeamRole } from '@captionary/shared';
import { useId } from 'react';
import type { ReviewStepDraft } from './workflow-draft';

interface Member {
  userId: string;
  name: string;
  role: TeamRole;
}

type Filter = ReviewStepDraft['filter'];
type TriState = 'any' | 'yes' | 'no';

function triState(value: boolean | undefined): TriState {
  return value === undefined ? 'any' : value ? 'yes' : 'no';
}
function fromTriState(value: string): boolean | undefined {
  return value === 'any' ? undefined : value === 'yes';
}
/** `<input type="date">` speaks days; the config stores instants (start of that day, UTC). */
function dayOf(instant: string | undefined): string {
  return instant ? instant.slice(0, 10) : '';
}
function instantOf(day: string): string | undefined {
  return day ? `${day}T00:00:00Z` : undefined;
}

/** One review step's settings: name, who may work it, and which items enter it. */
export function ReviewStepEditor({
  step,
  members,
  disabled,
  onChange,
}: {
  step: ReviewStepDraft;
  members: Member[];
  disabled: boolean;
  onChange: (step: ReviewStepDraft) => void;
}) {
  const id = useId();
  const setFilter = (patch: Partial<Filter>) => {
    const filter: Filter = { ...step.filter, ...patch };
    // Undefined means "no condition"; dropping the key keeps the stored config tidy.
    for (const key of Object.keys(filter) as (keyof Filter)[]) {
      if (filter[key] === undefined) delete filter[key];
    }
    onChange({ ...step, filter });
  };
  const toggle = (list: string[] | undefined, userId: string, on: boolean) =>
    on ? [...(list ?? []), userId] : (list ?? []).filter((value) => value !== userId);

  return (
    <fieldset className="workflow-editor__step" disabled={disabled}>
      <legend>
        Review step <code>{step.id}</code>
      </legend>
      <div className="workflow-editor__grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={step.name}
            maxLength={60}
            onChange={(event) => onChange({ ...step, name: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Lowest role that may work it</label>
          <select
            id={`${id}-role`}
            value={step.minRole}
            onChange={(event) => onChange({ ...step, minRole: event.target.value as TeamRole })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-by`}>Caption made by</label>
          <select
            id={`${id}-by`}
            value={step.filter.captionBy}
            onChange={(event) =>
              setFilter({ captionBy: event.target.value as Filter['captionBy'] })
            }
          >
            <option value="any">anyone</option>
            <option value="model">the model (pre-label unchanged)</option>
            <option value="human">a person</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-changed`}>Changed from the pre-label</label>
          <select
            id={`${id}-changed`}
            value={triState(step.filter.changedFromPrelabel)}
            onChange={(event) =>
              setFilter({ changedFromPrelabel: fromTriState(event.target.value) })
            }
          >
            <option value="any">either</option>
            <option value="yes">only changed captions</option>
            <option value="no">only unchanged captions</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lint`}>Caption lint hits</label>
          <select
            id={`${id}-lint`}
            value={triState(step.filter.hasLintHits)}
            onChange={(event) => setFilter({ hasLintHits: fromTriState(event.target.value) })}
          >
            <option value="any">either</option>
            <option value="yes">only captions with lint hits</option>
            <option value="no">only captions without</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-after`}>Caption created on or after</label>
          <input
            id={`${id}-after`}
            type="date"
            value={dayOf(step.filter.createdAfter)}
            onChange={(event) => setFilter({ createdAfter: instantOf(event.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-before`}>Caption created before</label>
          <input
            id={`${id}-before`}
            type="date"
            value={dayOf(step.filter.createdBefore)}
            onChange={(event) => setFilter({ createdBefore: instantOf(event.target.value) })}
          />
        </div>
      </div>
      <div className="workflow-editor__people">
        <fieldset>
          <legend>Also allowed to work it</legend>
          {members.map((member) => (
            <label key={member.userId} className="checkbox">
              <input
                type="checkbox"
                checked={step.memberIds.includes(member.userId)}
                onChange={(event) =>
                  onChange({
                    ...step,
                    memberIds: toggle(step.memberIds, member.userId, event.target.checked),
                  })
                }
              />
              {member.name} <span className="muted">({member.role.toLowerCase()})</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Only captions by (none ticked: anyone)</legend>
          {members.map((member) => (
            <label key={member.userId} className="checkbox">
              <input
                type="checkbox"
                checked={step.filter.authorIds?.includes(member.userId) ?? false}
                onChange={(event) => {
                  const authorIds = toggle(
                    step.filter.authorIds,
                    member.userId,
                    event.target.checked,
                  );
                  setFilter({ authorIds: authorIds.length ? authorIds : undefined });
                }}
              />
              {member.name}
            </label>
          ))}
        </fieldset>
      </div>
    </fieldset>
  );
}
