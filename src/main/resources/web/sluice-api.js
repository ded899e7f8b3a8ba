// Starts Swagger UI on this server's own OpenAPI description (/api.html). A file of its own: the page's
// Content-Security-Policy runs no inline script.
/* global SwaggerUIBundle */
(function () {
  'use strict';
  window.ui = SwaggerUIBundle({
    url: document.body.getAttribute('data-spec'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    // why: the default validator badge would send the description to validator.swagger.io
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
}());
