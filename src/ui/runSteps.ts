import { UserCancelledError } from '../util/errors';
import { isGoBack, type PromptStep } from './UserInput';

/** One step of a multi-step prompt: asks (through UserInput) and writes into the shared state. */
export type Step<S> = (state: S, position: Required<Pick<PromptStep, 'step' | 'totalSteps' | 'back'>>) => Promise<void>;

/**
 * Runs prompts one after another with a working Back button (quickinput-sample's MultiStepInput,
 * reduced): a step that throws GoBackError re-runs the previous one; Back on the first step cancels.
 */
export async function runSteps<S>(state: S, steps: ReadonlyArray<Step<S>>): Promise<S> {
  let i = 0;
  while (i < steps.length) {
    try {
      await steps[i](state, { step: i + 1, totalSteps: steps.length, back: i > 0 });
      i++;
    } catch (e) {
      if (!isGoBack(e)) throw e;
      if (i === 0) throw new UserCancelledError();
      i--;
    }
  }
  return state;
}
