// Swagger UI over the app's own OpenAPI document, with assets served locally.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
