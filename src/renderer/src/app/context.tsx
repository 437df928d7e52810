import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Lang } from '../../../shared/ipc/settings';
import type { MessageKey } from '../i18n/messages';
import { translate, type Params, type Translate } from '../i18n/translate';
import type { Services } from './services';

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (s === undefined) throw new Error('useServices outside <ServicesContext.Provider>');
  return s;
}

/** Reads one slice of a store; the component re-renders only when that slice changes. */
export function useSlice<S, T>(store: StoreApi<S>, selector: (s: S) => T): T {
  return useStore(store, selector);
}

export function useLang(): Lang {
  return useStore(useServices().settings, (s) => s.lang);
}

export function useT(): Translate {
  const lang = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}
