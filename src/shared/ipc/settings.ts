import { z } from 'zod';
import { request } from './define';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];

export const uiSettingsSchema = z.strictObject({
  lang: z.enum(LANGS),
  theme: z.enum(THEMES),
  confirmOrders: z.boolean(),
});
export type UiSettings = z.infer<typeof uiSettingsSchema>;

export const DEFAULT_UI_SETTINGS: UiSettings = { lang: 'zh', theme: 'dark', confirmOrders: false };

export const settingsRequests = {
  'settings.get': request<UiSettings>()(z.strictObject({})),
  'settings.set': request<UiSettings>()(uiSettingsSchema.partial().strict()),
} as const;
