// CookieConsent 3.1.0 configured for the purposes of the Jackon reference policy (examples/policy/jackon.json),
// with its English texts. Layout and behaviour are CookieConsent's defaults, except hideFromBots: by default
// CookieConsent shows nothing to a browser that says it is automated (navigator.webdriver), as this one does.
CookieConsent.run({
  hideFromBots: false,
  categories: {
    necessary: {enabled: true, readOnly: true},
    analytics: {
      autoClear: {cookies: [{name: /^_ga/}]},
      services: {'google-analytics': {label: 'Google Analytics 4 (Google Ireland Limited)'}}
    },
    marketing: {
      autoClear: {cookies: [{name: '_fbp'}, {name: '_fbc'}]},
      services: {'meta-pixel': {label: 'Meta Pixel (Meta Platforms Ireland Limited)'}}
    }
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Jackon uses cookies',
          description: 'Some cookies are needed for the site to work and to keep it secure. With your consent we also use cookies to improve and develop our services, and to build target groups and targeted marketing. You can change or withdraw your consent at any time.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Settings',
          footer: '<a href="/en/privacy">Privacy notice</a>'
        },
        preferencesModal: {
          title: 'Privacy settings',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          closeIconLabel: 'Close',
          sections: [
            {title: 'Purposes', description: 'Jackon AS. <a href="/en/privacy">Privacy notice</a>'},
            {
              title: 'Necessary',
              description: 'Processing needed for the site to work and stay secure, to answer what you ask for, and to meet legal obligations. Cannot be switched off.',
              linkedCategory: 'necessary',
              cookieTable: {
                headers: {name: 'Name', domain: 'Provider', duration: 'Duration'},
                body: [
                  {name: 'JSESSIONID', domain: 'Jackon AS', duration: 'Session'},
                  {name: 'consent', domain: 'Jackon AS', duration: '12 months'}
                ]
              }
            },
            {
              title: 'Analytics',
              description: 'Statistics on how our digital channels are used, so that we can improve and develop them.',
              linkedCategory: 'analytics',
              cookieTable: {
                headers: {name: 'Name', domain: 'Provider', duration: 'Duration'},
                body: [
                  {name: '_ga', domain: 'Google Ireland Limited', duration: '2 years'},
                  {name: '_ga_*', domain: 'Google Ireland Limited', duration: '2 years'}
                ]
              }
            },
            {
              title: 'Marketing',
              description: 'Target groups, targeted marketing and contact about our products and services.',
              linkedCategory: 'marketing',
              cookieTable: {
                headers: {name: 'Name', domain: 'Provider', duration: 'Duration'},
                body: [
                  {name: '_fbp', domain: 'Meta Platforms Ireland Limited', duration: '3 months'},
                  {name: '_fbc', domain: 'Meta Platforms Ireland Limited', duration: '3 months'}
                ]
              }
            }
          ]
        }
      }
    }
  }
});
