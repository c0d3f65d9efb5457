//! GraphiQL, served from files embedded in the binary: no request leaves the server's origin, so it works on a
//! federation's network that reaches no CDN. The files and their origin are listed in `assets/graphiql/`.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, X_CONTENT_TYPE_OPTIONS};
use actix_web::{HttpResponse, web};

/// The versioned path the assets are served under: a new GraphiQL gets new URLs, so browsers may keep these.
pub const ASSETS: &str = "/graphiql/3.9.0";

const PAGE: &str = include_str!("../../assets/graphiql/index.html");

/// (file name, media type, content)
const FILES: [(&str, &str, &[u8]); 5] = [
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/graphiql/graphiql.min.css"),
    ),
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
    ),
    (
        "pactes.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/pactes.js"),
    ),
];

/// Scripts and styles from this origin only (GraphiQL's fonts and icons are inline `data:`); requests to this
/// origin only. Inline styles are GraphiQL's own (its resizable panes set them).
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                      img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; \
                      form-action 'none'; frame-ancestors 'none'";

/// The GraphiQL page.
pub async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((CONTENT_SECURITY_POLICY, POLICY))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(PAGE)
}

/// `GET /graphiql/3.9.0/{file}`: one of the embedded assets, cacheable for good (the path names the version).
pub async fn asset(file: web::Path<String>) -> HttpResponse {
    match FILES.iter().find(|(name, _, _)| *name == file.as_str()) {
        Some((_, media, content)) => HttpResponse::Ok()
            .content_type(*media)
            .insert_header((CACHE_CONTROL, "public, max-age=31536000, immutable"))
            .insert_header((X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body(*content),
        None => HttpResponse::NotFound().finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every asset the page names is one the server has, under the versioned path.
    #[test]
    fn the_page_names_only_embedded_assets() {
        let named: Vec<&str> = PAGE
            .split(['"', '\''])
            .filter(|s| s.starts_with("/graphiql/"))
            .collect();
        assert_eq!(named.len(), FILES.len(), "{named:?}");
        for path in named {
            let file = path
                .strip_prefix(&format!("{ASSETS}/"))
                .unwrap_or_else(|| panic!("{path}"));
            assert!(FILES.iter().any(|(name, _, _)| *name == file), "{path}");
        }
        assert!(!PAGE.contains("://"), "the page loads nothing from another origin");
    }
}
