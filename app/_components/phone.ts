/** The phone layout's media query; globals.css uses the same width (`@media (max-width: 640px)`). */
export const PHONE_MEDIA = '(max-width: 640px)';
