//! The `client` module: `Client`, its `ClientBuilder` (base URL, credentials, timeouts) and one
//! method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::Names;
use super::{doc, operation_docs};
use crate::ir::{Api, AuthScheme};

/// The items of `client.rs`.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let bearer = api.auth_schemes.first().map(|scheme| match scheme {
        AuthScheme::Bearer { origin } => origin.as_str(),
    });
    let client_docs = doc(&format!(
        "Client for {}.\n\nCreate one with [`Client::builder`]; it is cheap to clone \
         and shares one connection pool.",
        escape_title(&api.title)
    ));

    let (default_const, base_url_field, base_url_default, base_url_setter_doc, base_url_build) =
        match &api.base_url.default {
            Some(default) => {
                let const_doc = doc(&match &api.base_url.variable {
                    Some(variable) => format!(
                        "The default base URL (the description's `{}` variable).",
                        variable.replace('`', "")
                    ),
                    None => "The default base URL.".to_owned(),
                });
                (
                    quote! {
                        #const_doc
                        pub const DEFAULT_BASE_URL: &'static str = #default;
                    },
                    quote!(base_url: String),
                    quote!(base_url: Client::DEFAULT_BASE_URL.to_owned()),
                    format!("Sets the base URL every path is appended to.\n\nDefault: [`Client::DEFAULT_BASE_URL`] (`{}`).", default.replace('`', "")),
                    quote!(let base_url = runtime::parse_base_url(&self.base_url)?;),
                )
            }
            None => (
                quote!(),
                quote!(base_url: Option<String>),
                quote!(base_url: None),
                "Sets the base URL every path is appended to.\n\nRequired: the description gives no default.".to_owned(),
                quote! {
                    let base_url = self
                        .base_url
                        .as_deref()
                        .ok_or_else(|| runtime::BuildError::new("a base URL is required: call `base_url`"))?;
                    let base_url = runtime::parse_base_url(base_url)?;
                },
            ),
        };
    let base_url_setter_doc = doc(&base_url_setter_doc);
    let base_url_assign = if api.base_url.default.is_some() {
        quote!(self.base_url = url.into();)
    } else {
        quote!(self.base_url = Some(url.into());)
    };

    let (
        auth_field,
        auth_builder_field,
        auth_default,
        auth_setter,
        auth_build,
        auth_init,
        authorize,
    ) = match bearer {
        Some(origin) => {
            let setter_doc = doc(&format!(
                "Sets the token sent as `Authorization: Bearer <token>` (the description's \
                     `{}` authentication).\n\nDefault: none; requests are sent without credentials. \
                     The token is never printed by `Debug`.",
                origin.replace('`', "")
            ));
            (
                quote!(bearer: Option<reqwest::header::HeaderValue>,),
                quote!(bearer_token: Option<secrecy::SecretString>,),
                quote!(bearer_token: None,),
                quote! {
                    #setter_doc
                    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
                        self.bearer_token = Some(secrecy::SecretString::from(token.into()));
                        self
                    }
                },
                quote! {
                    let bearer = self
                        .bearer_token
                        .as_ref()
                        .map(runtime::bearer_header)
                        .transpose()?;
                },
                quote!(bearer,),
                quote! {
                    /// Adds the configured credentials to a request.
                    pub(crate) fn authorize(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                        match &self.bearer {
                            Some(value) => request.header(reqwest::header::AUTHORIZATION, value.clone()),
                            None => request,
                        }
                    }
                },
            )
        }
        None => (
            quote!(),
            quote!(),
            quote!(),
            quote!(),
            quote!(),
            quote!(),
            quote!(),
        ),
    };

    let methods = api
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| {
            let method = &op_names.method;
            let builder = &op_names.builder;
            let params = &op_names.path_params;
            let docs = doc(&operation_docs(op, op_names));
            quote! {
                #docs
                pub fn #method(&self, #(#params: impl Into<String>),*) -> builders::#builder<'_> {
                    builders::#builder::new(self, #(#params.into()),*)
                }
            }
        });

    quote! {
        use std::time::Duration;

        use super::{builders, runtime};

        #client_docs
        #[derive(Debug, Clone)]
        pub struct Client {
            http: reqwest::Client,
            base_url: reqwest::Url,
            #auth_field
        }

        impl Client {
            #default_const

            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL every path is appended to.
            pub fn base_url(&self) -> &reqwest::Url {
                &self.base_url
            }

            /// Starts a request to `path` (already encoded) under the base URL.
            pub(crate) fn request(
                &self,
                method: reqwest::Method,
                path: &str,
            ) -> Result<reqwest::RequestBuilder, runtime::InvalidRequest> {
                let url = runtime::join_url(&self.base_url, path)?;
                Ok(self.http.request(method, url))
            }

            #authorize

            #(#methods)*
        }

        /// Configures a [`Client`]: base URL, credentials and timeouts.
        #[derive(Debug)]
        pub struct ClientBuilder {
            #base_url_field,
            #auth_builder_field
            timeout: Option<Duration>,
            connect_timeout: Duration,
            http_client: Option<reqwest::Client>,
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                Self {
                    #base_url_default,
                    #auth_default
                    timeout: Some(Duration::from_secs(30)),
                    connect_timeout: Duration::from_secs(10),
                    http_client: None,
                }
            }
        }

        impl ClientBuilder {
            #base_url_setter_doc
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                #base_url_assign
                self
            }

            #auth_setter

            /// Sets the timeout for a whole request, from sending to the end of the body;
            /// `None` waits indefinitely.
            ///
            /// Default: 30 seconds.
            pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
                self.timeout = timeout;
                self
            }

            /// Sets the timeout for establishing a connection.
            ///
            /// Default: 10 seconds.
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = timeout;
                self
            }

            /// Uses this `reqwest` client (its proxy, TLS and middleware settings) instead of
            /// building one; [`timeout`](Self::timeout) and
            /// [`connect_timeout`](Self::connect_timeout) are then not applied.
            ///
            /// Default: a client built by this builder.
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.http_client = Some(client);
                self
            }

            /// Builds the client, checking the base URL and credentials.
            pub fn build(self) -> Result<Client, runtime::BuildError> {
                #base_url_build
                #auth_build
                let http = match self.http_client {
                    Some(client) => client,
                    None => {
                        let mut builder = reqwest::Client::builder().connect_timeout(self.connect_timeout);
                        if let Some(timeout) = self.timeout {
                            builder = builder.timeout(timeout);
                        }
                        builder.build()?
                    }
                };
                Ok(Client {
                    http,
                    base_url,
                    #auth_init
                })
            }
        }
    }
}

/// A title for use inside prose: backticks removed so it cannot open a code span.
fn escape_title(title: &str) -> String {
    title.replace('`', "")
}
