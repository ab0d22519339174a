// Klaro 0.7.22 configured for the purposes of the Jackon reference policy (examples/policy/jackon.json),
// with its English texts. Layout and behaviour are Klaro's defaults, except acceptAll (an "Accept all"
// button, as the other two banners have).
var klaroConfig = {
  version: 1,
  lang: 'en',
  acceptAll: true,
  privacyPolicy: '/en/privacy',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 365,
  translations: {
    en: {
      consentNotice: {
        title: 'Jackon uses cookies',
        description: 'Some cookies are needed for the site to work and to keep it secure. With your consent we also use cookies to improve and develop our services, and to build target groups and targeted marketing. You can change or withdraw your consent at any time.'
      },
      ok: 'Accept all',
      acceptAll: 'Accept all',
      decline: 'Reject all',
      purposes: {
        necessary: {title: 'Necessary', description: 'Processing needed for the site to work and stay secure, to answer what you ask for, and to meet legal obligations. Cannot be switched off.'},
        analytics: {title: 'Analytics', description: 'Statistics on how our digital channels are used, so that we can improve and develop them.'},
        marketing: {title: 'Marketing', description: 'Target groups, targeted marketing and contact about our products and services.'}
      },
      'jackon-web': {title: 'Jackon.no', description: 'Jackon AS: delivering content you ask for, security and detecting abuse.'},
      'google-analytics': {title: 'Google Analytics 4', description: 'Google Ireland Limited: improving and developing our services.'},
      'meta-pixel': {title: 'Meta Pixel', description: 'Meta Platforms Ireland Limited: target groups and targeted marketing.'}
    }
  },
  services: [
    {name: 'jackon-web', purposes: ['necessary'], required: true, cookies: ['JSESSIONID', 'consent']},
    {name: 'google-analytics', purposes: ['analytics'], cookies: [/^_ga(_.*)?$/]},
    {name: 'meta-pixel', purposes: ['marketing'], cookies: ['_fbp', '_fbc']}
  ]
};
