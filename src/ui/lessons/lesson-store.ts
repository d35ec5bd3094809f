import { create } from 'zustand';

/** Where a lesson stands: off; the student is predicting (results hidden); or the answer is shown. */
export type LessonPhase = 'off' | 'predict' | 'explain';

export interface LessonState {
  phase: LessonPhase;
  /** The preset the lesson belongs to. */
  presetId: string | null;
  /** The student's prediction as typed, or the index of the choice. */
  prediction: string;
  start: (presetId: string) => void;
  setPrediction: (p: string) => void;
  reveal: () => void;
  stop: () => void;
}

export const useLesson = create<LessonState>((set) => ({
  phase: 'off',
  presetId: null,
  prediction: '',
  start: (presetId) => set({ phase: 'predict', presetId, prediction: '' }),
  setPrediction: (prediction) => set({ prediction }),
  reveal: () => set({ phase: 'explain' }),
  stop: () => set({ phase: 'off', presetId: null, prediction: '' }),
}));
