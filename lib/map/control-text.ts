import { dynamicMessage, type Locale } from '../i18n';

/** The maplibre control texts the product's maps show (buttons, the canvas's name, the attribution toggle). */
const CONTROL_KEYS = [
  'AttributionControl.ToggleAttribution',
  'AttributionControl.MapFeedback',
  'FullscreenControl.Enter',
  'FullscreenControl.Exit',
  'GeolocateControl.FindMyLocation',
  'GeolocateControl.LocationNotAvailable',
  'LogoControl.Title',
  'Map.Title',
  'Marker.Title',
  'NavigationControl.ResetBearing',
  'NavigationControl.ZoomIn',
  'NavigationControl.ZoomOut',
  'Popup.Close',
] as const;

/** maplibre's `locale` option in the UI language, so its buttons read 放大/缩小 and not "Zoom in". */
export function mapControlText(locale: Locale): Record<string, string> {
  return Object.fromEntries(CONTROL_KEYS.map((key) => [key, dynamicMessage(locale, `map.control.${key}`, key)]));
}
