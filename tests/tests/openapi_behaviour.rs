//! The clients of `specs/constructs.openapi.yaml` and `specs/swagger2.swagger.json` against a
//! real HTTP server on 127.0.0.1 (wiremock): every parameter style, every body kind, every
//! credential kind, range and `default` responses, a discriminated, a `const`-tagged and an
//! untagged union decoding real JSON, a type recursive through `allOf`, and server-sent
//! event streams (JSON and text data, split at every byte by a raw TCP server).

mod common;

use common::multipart::parts;
use common::recorded::{header, only_request};
use courier_tests::constructs::types::{
    Cat, Category, CategoryFeatured, CreatePetForm, CreatePetFormHome, CreatePetResponse, Filter,
    Id, Kind, ListPetsError, ListPetsTheme, Meta, Pet, PetEvent, PetEventChange, Shape,
    UploadFileBody, WatchPetsError,
};
use courier_tests::constructs::{Client, Error, runtime};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(verb: &str, at: &str, response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> courier_tests::constructs::ClientBuilder {
    Client::builder().base_url(format!("{}/v1", server.uri()))
}

fn pets_json() -> Value {
    json!([
        {"pet_type": "cat", "name": "Tom", "lives": 9},
        {"pet_type": "dog", "name": "Rex", "bark": "loud", "owner": {"name": "Ann", "friends": [{"name": "Bob"}]}}
    ])
}

#[tokio::test]
async fn query_header_and_cookie_parameters_follow_their_styles() {
    let server = serve(
        "GET",
        "/v1/pets",
        ResponseTemplate::new(200)
            .set_body_json(pets_json())
            .insert_header("x-total", "2"),
    )
    .await;
    let pets = client(&server)
        .bearer_token("t0ken")
        .build()
        .unwrap()
        .list_pets()
        .tags(vec!["a b".to_owned(), "c".to_owned()])
        .ids(vec![1, 2, 3])
        .words(vec!["x".to_owned(), "y".to_owned()])
        .flags(vec![true, false])
        .filter(Filter {
            color: Some("red".to_owned()),
            age: Some(3),
        })
        .limit(5)
        .since("2024-05-01T12:30:00+02:00".parse().unwrap())
        .kind(Kind::Dog)
        .x_request_id("6f1c5e4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f".parse().unwrap())
        .x_page(7)
        .session("s1")
        .theme(ListPetsTheme::Dark)
        .send()
        .await
        .expect("200");
    let request = only_request(&server).await;
    // `filter`'s members by key, whatever serde_json's features.
    let query = request.url.query().unwrap_or_default();
    assert_eq!(
        query,
        "tags=a+b&tags=c&ids=1%2C2%2C3&words=x+y&flags=true%7Cfalse\
         &filter%5Bage%5D=3&filter%5Bcolor%5D=red&limit=5\
         &since=2024-05-01T10%3A30%3A00Z&kind=dog"
    );
    assert_eq!(
        header(&request, "x-request-id"),
        Some("6f1c5e4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f")
    );
    assert_eq!(header(&request, "x-page"), Some("7"));
    assert_eq!(header(&request, "cookie"), Some("session=s1; theme=dark"));
    assert_eq!(header(&request, "authorization"), Some("Bearer t0ken"));
    // The discriminated union decodes each alternative.
    assert_eq!(pets.headers().get("x-total").unwrap(), "2");
    let pets = pets.into_inner();
    assert!(matches!(&pets[0], Pet::Cat(Cat { name, lives: Some(9), .. }) if name == "Tom"));
    match &pets[1] {
        Pet::Dog(dog) => {
            let owner = dog.owner.as_ref().expect("an owner");
            assert_eq!(owner.friends.as_ref().unwrap()[0].name, "Bob");
            assert_eq!(dog.bark.as_ref().map(|bark| bark.as_str()), Some("loud"));
        }
        other => panic!("expected a dog, got {other:?}"),
    }
    // And serializes back with its tag.
    assert_eq!(serde_json::to_value(&pets).unwrap(), pets_json());
}

#[tokio::test]
async fn a_discriminated_union_keeps_its_tag_and_an_alternative_it_does_not_list() {
    let listed = json!({"pet_type": "cat", "name": "Tom"});
    // A server may add an alternative the description does not have yet.
    let unlisted = json!({"pet_type": "parrot", "name": "Polly", "talks": true});
    let server = serve(
        "GET",
        "/v1/pets",
        ResponseTemplate::new(200).set_body_json(json!([listed, unlisted])),
    )
    .await;
    let pets = client(&server)
        .build()
        .unwrap()
        .list_pets()
        .send()
        .await
        .expect("an unlisted alternative does not fail the response")
        .into_inner();
    // The alternative decodes from the whole object, its own copy of the tag included.
    match &pets[0] {
        Pet::Cat(cat) => assert_eq!(cat.pet_type.as_deref(), Some("cat")),
        other => panic!("expected a cat, got {other:?}"),
    }
    match &pets[1] {
        Pet::Unknown(value) => assert_eq!(value, &unlisted),
        other => panic!("expected the unlisted alternative, got {other:?}"),
    }
    assert_eq!(
        serde_json::to_value(&pets).unwrap(),
        json!([listed, unlisted])
    );

    // The tag written is the variant's, once and first, whatever the struct's copy says.
    let cat = Pet::Cat(Cat {
        pet_type: Some("dog".to_owned()),
        ..serde_json::from_value(json!({"name": "Tom"})).unwrap()
    });
    assert_eq!(
        serde_json::to_string(&cat).unwrap(),
        r#"{"pet_type":"cat","name":"Tom"}"#
    );
    // An object without the tag is kept as unlisted; a listed one must still be whole.
    let untagged: Pet = serde_json::from_value(json!({"name": "Tom"})).unwrap();
    assert!(matches!(untagged, Pet::Unknown(_)));
    let error = serde_json::from_value::<Pet>(json!({"pet_type": "cat"})).unwrap_err();
    assert!(
        error.to_string().contains("missing field `name`"),
        "{error}"
    );
}

#[tokio::test]
async fn unset_optional_parameters_are_not_sent() {
    let server = serve(
        "GET",
        "/v1/pets",
        ResponseTemplate::new(200).set_body_json(json!([])),
    )
    .await;
    client(&server)
        .build()
        .unwrap()
        .list_pets()
        .send()
        .await
        .expect("200");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "cookie"), None);
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_4xx_range_and_default_response_are_typed() {
    let problem = json!({"code": 7, "message": null, "details": {"field": "name"}});
    let server = serve(
        "GET",
        "/v1/pets",
        ResponseTemplate::new(418).set_body_json(problem.clone()),
    )
    .await;
    let error = client(&server)
        .build()
        .unwrap()
        .list_pets()
        .send()
        .await
        .expect_err("418");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(418));
    match error.api_error() {
        Some(ListPetsError::Status4xx(decoded)) => {
            assert_eq!(decoded.code, 7);
            assert_eq!(decoded.details.as_ref().unwrap()["field"], "name");
        }
        other => panic!("expected the 4XX variant, got {other:?}"),
    }
    let server = serve(
        "GET",
        "/v1/pets",
        ResponseTemplate::new(503).set_body_string("try later"),
    )
    .await;
    let error = client(&server)
        .build()
        .unwrap()
        .list_pets()
        .send()
        .await
        .expect_err("503");
    assert_eq!(
        error.api_error(),
        Some(&ListPetsError::OtherStatus("try later".to_owned()))
    );
}

#[tokio::test]
async fn json_and_urlencoded_bodies_and_several_successes() {
    let cat = json!({"pet_type": "cat", "name": "Tom", "lives": 3});
    let server = serve(
        "POST",
        "/v1/pets",
        ResponseTemplate::new(201).set_body_json(cat.clone()),
    )
    .await;
    let client_ = client(&server).bearer_token("t").build().unwrap();
    let pet: Pet = serde_json::from_value(cat.clone()).unwrap();
    let created = client_.create_pet().body(pet).send().await.expect("201");
    assert!(matches!(
        created.into_inner(),
        CreatePetResponse::Created(Pet::Cat(_))
    ));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(serde_json::from_slice::<Value>(&request.body).unwrap(), cat);

    let server = serve("POST", "/v1/pets", ResponseTemplate::new(202)).await;
    let accepted = client(&server)
        .build()
        .unwrap()
        .create_pet()
        .form_body(CreatePetForm {
            name: "Tom & Jerry".to_owned(),
            lives: Some(9),
            indoor: Some(true),
            adopted: Some(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
            home: Some(CreatePetFormHome {
                city: Some("Köln".to_owned()),
                rooms: Some(vec![1, 2]),
            }),
        })
        .send()
        .await
        .expect("202");
    assert_eq!(accepted.into_inner(), CreatePetResponse::Accepted);
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "name=Tom+%26+Jerry&lives=9&indoor=true&adopted=2024-02-29\
         &home%5Bcity%5D=K%C3%B6ln&home%5Brooms%5D%5B0%5D=1&home%5Brooms%5D%5B1%5D=2"
    );
}

#[tokio::test]
async fn a_missing_required_body_is_refused_before_sending() {
    let server = serve("POST", "/v1/pets", ResponseTemplate::new(201)).await;
    let error = client(&server)
        .build()
        .unwrap()
        .create_pet()
        .send()
        .await
        .expect_err("no body");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn label_and_matrix_path_styles_basic_auth_and_a_const_tagged_union() {
    let server = serve(
        "GET",
        "/v1/labels/.a.b/matrix/;matrix=m",
        ResponseTemplate::new(200).set_body_json(json!({"shape": "square", "side": 2.5})),
    )
    .await;
    let shape = client(&server)
        .basic_auth("ann", "pw")
        .build()
        .unwrap()
        .styled_path(vec!["a".to_owned(), "b".to_owned()], "m")
        .send()
        .await
        .expect("200");
    match shape.into_inner() {
        Shape::Square(square) => assert_eq!(square.side, 2.5),
        other => panic!("expected a square, got {other:?}"),
    }
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Basic YW5uOnB3"));
}

#[tokio::test]
async fn api_keys_in_a_header_or_the_query_and_no_credentials_where_security_is_empty() {
    let pet = json!({"pet_type": "dog", "name": "Rex"});
    let server = serve(
        "GET",
        "/v1/pets/42",
        ResponseTemplate::new(200).set_body_json(pet),
    )
    .await;
    client(&server)
        .x_api_key("header-key")
        .bearer_token("unused")
        .build()
        .unwrap()
        .get_pet(42)
        .send()
        .await
        .expect("200");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("header-key"));
    assert_eq!(
        header(&request, "authorization"),
        None,
        "not a scheme of getPet"
    );

    let server = serve(
        "GET",
        "/v1/pets/42",
        ResponseTemplate::new(200).set_body_json(json!({"pet_type": "cat", "name": "Tom"})),
    )
    .await;
    client(&server)
        .api_key("query-key")
        .build()
        .unwrap()
        .get_pet(42)
        .send()
        .await
        .expect("200");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=query-key"));

    let server = serve("DELETE", "/v1/pets/42", ResponseTemplate::new(204)).await;
    #[allow(deprecated)]
    client(&server)
        .bearer_token("t")
        .x_api_key("k")
        .build()
        .unwrap()
        .delete_pets_by_pet_id(42)
        .send()
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key"), None);
}

#[tokio::test]
async fn multipart_with_a_json_part_a_file_part_and_a_text_part() {
    let meta = json!({"size": 3, "tags": ["x"], "id": "abc", "labels": {"k": [1, true]}});
    let server = serve(
        "POST",
        "/v1/files",
        ResponseTemplate::new(201).set_body_json(json!({"size": 3, "id": 17})),
    )
    .await;
    // Uploads go to their path's own server, not to the base URL.
    let elsewhere = MockServer::start().await;
    let stored = Client::builder()
        .base_url(elsewhere.uri())
        .uploads_base_url(format!("{}/v1", server.uri()))
        .bearer_token("oauth-token")
        .build()
        .unwrap()
        .upload_file()
        .body(UploadFileBody {
            file: runtime::File::new(&b"abc"[..], "a.txt").with_content_type("text/plain"),
            meta: serde_json::from_value(meta.clone()).unwrap(),
            note: Some("hello".to_owned()),
        })
        .send()
        .await
        .expect("201");
    // The untagged union: a number this time.
    assert_eq!(stored.into_inner().id, Some(Id::Integer(17)));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    assert_eq!(
        courier_tests::constructs::ClientBuilder::default()
            .build()
            .map(|client| client.base_url().to_string())
            .unwrap(),
        "https://eu.example.com/v1"
    );
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Bearer oauth-token")
    );
    let parts = parts(&request).await;
    let summary: Vec<(Option<&str>, Option<&str>, Option<&str>)> = parts
        .iter()
        .map(|part| {
            (
                part.name.as_deref(),
                part.file_name.as_deref(),
                part.content_type.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Some("file"), Some("a.txt"), Some("text/plain")),
            (Some("meta"), None, Some("application/json")),
            (Some("note"), None, None),
        ]
    );
    assert_eq!(parts[0].data, b"abc");
    assert_eq!(
        serde_json::from_slice::<Value>(&parts[1].data).unwrap(),
        meta
    );
    assert_eq!(parts[2].data, b"hello");
    let decoded: Meta = serde_json::from_value(meta).unwrap();
    assert_eq!(decoded.id, Some(Id::String("abc".to_owned())));
}

#[tokio::test]
async fn bytes_and_text_bodies_and_a_cookie_api_key() {
    let server = serve(
        "PUT",
        "/v1/files/raw",
        ResponseTemplate::new(200).set_body_string("stored"),
    )
    .await;
    let text = client(&server)
        .key("cookie-key")
        .build()
        .unwrap()
        .put_raw()
        .body(&b"\x00\x01"[..])
        .send()
        .await
        .expect("200");
    assert_eq!(text.into_inner(), "stored");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(header(&request, "cookie"), Some("key=cookie-key"));
    assert_eq!(request.body, b"\x00\x01");

    let server = serve("PUT", "/v1/files/raw", ResponseTemplate::new(200)).await;
    client(&server)
        .build()
        .unwrap()
        .put_raw()
        .text_body("plain words")
        .send()
        .await
        .expect("200");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("text/plain"));
    assert_eq!(request.body, b"plain words");

    // The body is optional: no body at all.
    let server = serve("PUT", "/v1/files/raw", ResponseTemplate::new(200)).await;
    client(&server)
        .build()
        .unwrap()
        .put_raw()
        .send()
        .await
        .expect("200");
    assert!(only_request(&server).await.body.is_empty());
}

#[tokio::test]
async fn an_unknown_enum_value_in_a_response_is_kept() {
    let server = serve(
        "GET",
        "/v1/pets",
        ResponseTemplate::new(200)
            .set_body_json(json!([{"pet_type": "dog", "name": "Rex", "bark": "howl"}])),
    )
    .await;
    let pets = client(&server)
        .build()
        .unwrap()
        .list_pets()
        .send()
        .await
        .expect("200")
        .into_inner();
    let Pet::Dog(dog) = &pets[0] else {
        panic!("a dog")
    };
    assert_eq!(dog.bark.as_ref().map(|bark| bark.as_str()), Some("howl"));
}

#[test]
fn a_schema_recursive_through_all_of_decodes_and_encodes() {
    // `parent` is `allOf: [Category, {description}]`: the reference itself, boxed.
    // `featured` extends `Category` and so contains itself.
    let value = json!({
        "name": "shoes",
        "parent": {"name": "clothing", "parent": {"name": "all"}},
        "featured": {"name": "boots", "rank": 1, "featured": {"name": "wellies", "rank": 2}},
    });
    let category: Category = serde_json::from_value(value.clone()).unwrap();
    let parent: &Category = category.parent.as_deref().unwrap();
    assert_eq!(parent.parent.as_ref().unwrap().name, "all");
    let featured: &CategoryFeatured = category.featured.as_deref().unwrap();
    assert_eq!(featured.featured.as_ref().unwrap().rank, Some(2));
    assert_eq!(serde_json::to_value(&category).unwrap(), value);
}

/// A raw HTTP/1.1 server on 127.0.0.1 that answers one request with `head`, then writes
/// `body` one byte at a time (flushed, with a pause) and closes: every line end, the BOM and
/// every UTF-8 sequence arrive split across reads.
fn trickle(head: &'static str, body: &'static [u8]) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("one connection");
        let mut request = Vec::new();
        let mut byte = [0u8; 1];
        while !request.ends_with(b"\r\n\r\n") {
            if stream.read(&mut byte).unwrap_or(0) == 0 {
                return;
            }
            request.push(byte[0]);
        }
        stream.write_all(head.as_bytes()).unwrap();
        for byte in body {
            if stream.write_all(std::slice::from_ref(byte)).is_err() {
                return; // the client stopped reading
            }
            stream.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
    format!("http://{address}/v1")
}

const SSE_HEAD: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";

#[tokio::test]
async fn an_event_stream_split_at_every_byte_gives_typed_events_until_done() {
    let body = "\u{FEFF}: a comment\r\nevent: change\r\nid: 1\r\n\
                data: {\"change\": \"created\",\r\ndata:  \"pet_id\": 7}\r\n\r\n\
                retry: 1500\rdata:{\"change\":\"deleted\",\"pet_id\":7}\r\r\
                data: {\"change\": \"adopted\", \"pet_id\": 8, \"by\": \"Zoë\"}\n\n\
                id\nevent: ignored\n\n\
                data: [DONE]\n\n\
                data: {\"change\": \"created\", \"pet_id\": 9}\n\n";
    let base = trickle(SSE_HEAD, body.as_bytes());
    let client = Client::builder()
        .base_url(base)
        .bearer_token("t")
        .build()
        .unwrap();
    let mut events = client.watch_pets().send().await.expect("200");
    assert_eq!(
        events.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let first = events.next().await.expect("an event").expect("decodes");
    assert_eq!(first.event.as_deref(), Some("change"));
    assert_eq!(first.id.as_deref(), Some("1"));
    assert_eq!(first.retry, None);
    // Two `data:` lines, joined by a newline (the second kept its extra space).
    assert_eq!(
        first.data,
        PetEvent {
            change: PetEventChange::Created,
            pet_id: 7
        }
    );
    let second = events.next().await.unwrap().unwrap();
    assert_eq!(second.event, None, "the event type does not carry over");
    assert_eq!(second.id.as_deref(), Some("1"), "the last id does");
    assert_eq!(second.retry, Some(std::time::Duration::from_millis(1500)));
    assert_eq!(second.data.change, PetEventChange::Deleted);
    // A value the description does not list, and a field it does not, are kept or ignored.
    let third = events.next().await.unwrap().unwrap();
    assert_eq!(
        third.data.change,
        PetEventChange::Unknown("adopted".to_owned())
    );
    assert_eq!(third.data.pet_id, 8);
    // `id` alone empties the last id; an event without data is not dispatched; `[DONE]` ends
    // the stream and nothing after it is read.
    assert!(events.next().await.is_none());
    assert!(events.next().await.is_none());
    assert_eq!(events.last_event_id(), Some(""));
}

#[tokio::test]
async fn an_event_whose_data_does_not_decode_is_an_error_and_ends_the_stream() {
    let server = serve(
        "GET",
        "/v1/pets/events",
        ResponseTemplate::new(200).set_body_raw(
            "data: {\"change\": \"created\", \"pet_id\": 1}\n\ndata: {\"pet_id\": \"x\"}\n\ndata: {}\n\n",
            "text/event-stream",
        ),
    )
    .await;
    let client = client(&server).bearer_token("t").build().unwrap();
    let mut events = client.watch_pets().send().await.expect("200");
    assert_eq!(events.next().await.unwrap().unwrap().data.pet_id, 1);
    let error = events.next().await.unwrap().expect_err("a decode error");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(error.to_string().contains(r#"{"pet_id": "x"}"#), "{error}");
    assert!(events.next().await.is_none());

    // A documented error status is decoded as usual, not streamed.
    let server = serve(
        "GET",
        "/v1/pets/events",
        ResponseTemplate::new(404).set_body_json(json!({"code": 404, "message": "none"})),
    )
    .await;
    let client = self::client(&server).bearer_token("t").build().unwrap();
    let error = client.watch_pets().send().await.expect_err("404");
    assert!(matches!(
        error.api_error(),
        Some(WatchPetsError::NotFound(problem)) if problem.code == 404
    ));
}

#[tokio::test]
async fn a_text_event_stream_gives_the_data_as_sent() {
    // Without the blank line at the end, the last event is incomplete and dropped.
    let base = trickle(
        SSE_HEAD,
        "event: line\ndata: GET /pets 200\n\ndata: [DONE]\ndata:  two\n\ndata: cut off".as_bytes(),
    );
    let client = Client::builder().base_url(base).build().unwrap();
    let mut lines = client.tail_logs().send().await.expect("200");
    let first = lines.next().await.unwrap().unwrap();
    assert_eq!(first.event.as_deref(), Some("line"));
    assert_eq!(first.data, "GET /pets 200");
    // `[DONE]` only ends JSON streams: here it is text like any other.
    assert_eq!(lines.next().await.unwrap().unwrap().data, "[DONE]\n two");
    assert!(lines.next().await.is_none());
}

mod swagger2 {
    use super::*;
    use courier_tests::swagger2::Client;
    use courier_tests::swagger2::types::{FindOrdersStatusItem, Order, UploadReceiptBody};

    #[tokio::test]
    async fn collection_formats_body_parameters_and_form_data() {
        let orders = json!([{"id": 1, "status": "placed", "note": null, "lines": [{"sku": "A", "count": 2}]}]);
        let server = serve(
            "GET",
            "/v2/orders",
            ResponseTemplate::new(200).set_body_json(orders.clone()),
        )
        .await;
        let found = Client::builder()
            .base_url(format!("{}/v2", server.uri()))
            .api_key("k")
            .build()
            .unwrap()
            .find_orders()
            .status(vec![
                FindOrdersStatusItem::Placed,
                FindOrdersStatusItem::Shipped,
            ])
            .ids(vec![1, 2])
            .send()
            .await
            .expect("200")
            .into_inner();
        assert_eq!(found[0].note, None);
        assert_eq!(
            serde_json::to_value(&found).unwrap()[0]["lines"],
            orders[0]["lines"]
        );
        let request = only_request(&server).await;
        assert_eq!(
            request.url.query(),
            Some("status=placed&status=shipped&ids=1%2C2")
        );
        assert_eq!(header(&request, "x-key"), Some("k"));

        let server = serve(
            "POST",
            "/v2/orders",
            ResponseTemplate::new(201).set_body_json(json!({"id": 2, "status": "placed"})),
        )
        .await;
        let order: Order = serde_json::from_value(json!({"status": "shipped"})).unwrap();
        Client::builder()
            .base_url(format!("{}/v2", server.uri()))
            .bearer_token("machine")
            .build()
            .unwrap()
            .place_order()
            .body(order)
            .send()
            .await
            .expect("201");
        let request = only_request(&server).await;
        assert_eq!(header(&request, "authorization"), Some("Bearer machine"));
        assert_eq!(
            serde_json::from_slice::<Value>(&request.body).unwrap(),
            json!({"status": "shipped"})
        );

        let server = serve("POST", "/v2/orders/5/receipt", ResponseTemplate::new(204)).await;
        Client::builder()
            .base_url(format!("{}/v2", server.uri()))
            .basic_auth("u", "")
            .build()
            .unwrap()
            .upload_receipt(5)
            .body(UploadReceiptBody {
                receipt: courier_tests::swagger2::runtime::File::new(&b"%PDF"[..], "r.pdf"),
                comment: None,
                pages: Some(2),
            })
            .send()
            .await
            .expect("204");
        let request = only_request(&server).await;
        let parts = parts(&request).await;
        let names: Vec<Option<&str>> = parts.iter().map(|part| part.name.as_deref()).collect();
        assert_eq!(names, [Some("receipt"), Some("pages")]);
        assert_eq!(parts[1].data, b"2");
    }
}
