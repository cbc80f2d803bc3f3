"""The OpenAPI document: valid, every response typed, security and limits declared, real
answers match the declared schemas; and the local API docs page."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from storyline.web import schemas

FREE_FORM_ALLOWED = {("StoryDocument", "extra")}  # documented optional extensions


def _spec(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_the_document_validates(client):
    validate(_spec(client))


def test_every_response_is_a_named_model(client):
    spec = _spec(client)
    seen = 0
    for path, method, operation in _operations(spec):
        for status, response in operation["responses"].items():
            schema = response["content"]["application/json"]["schema"]
            assert set(schema) == {"$ref"}, (path, method, status, schema)
            name = schema["$ref"].rsplit("/", 1)[-1]
            if status.startswith("2"):
                assert name not in {"ErrorBody", "HTTPValidationError"}, (path, method)
                seen += 1
            else:
                assert name == "ErrorBody", (path, method, status)
    assert seen == len(list(_operations(spec))) == 10


def _free_forms(name: str, schema: dict, field: str = ""):
    if schema.get("type") == "object" and "properties" not in schema:
        extra = schema.get("additionalProperties")
        if not isinstance(extra, dict) or not extra:
            yield name, field
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            yield from _free_forms(name, option, field)
    if isinstance(schema.get("items"), dict):
        yield from _free_forms(name, schema["items"], field)
    for prop, sub in schema.get("properties", {}).items():
        yield from _free_forms(name, sub, prop)


def test_no_schema_is_a_free_form_object(client):
    components = _spec(client)["components"]["schemas"]
    found = {hit for name, schema in components.items() for hit in _free_forms(name, schema)}
    assert found == FREE_FORM_ALLOWED


def test_the_error_schema(client):
    components = _spec(client)["components"]["schemas"]
    body = components["ErrorBody"]
    assert body["required"] == ["error"]
    detail = components[body["properties"]["error"]["$ref"].rsplit("/", 1)[-1]]
    assert set(detail["required"]) == {"code", "message", "hint"}


def test_413_only_where_uploads_are_read(client):
    for path, method, operation in _operations(_spec(client)):
        has_413 = "413" in operation["responses"]
        assert has_413 == (method == "post"), (path, method)


def test_the_page_size_maximum_is_declared(make_client):
    client = make_client(max_page_size=30, default_page_size=7)
    listed = 0
    for path, _method, operation in _operations(_spec(client)):
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "limit":
                options = parameter["schema"].get("anyOf", [parameter["schema"]])
                integer = next(o for o in options if o.get("type") == "integer")
                assert (integer["minimum"], integer["maximum"]) == (1, 30), path
                assert parameter["schema"]["default"] == 7
                listed += 1
    assert listed == 7  # stories, articles, actors, quotes, claims, events, search
    assert client.get("/api/v1/stories", params={"limit": 31}).status_code == 422


def _security(spec: dict) -> dict[tuple[str, str], list]:
    return {(p, m): o["security"] for p, m, o in _operations(spec)}


def test_bearer_scheme_on_loopback_without_token(client):
    spec = _spec(client)
    scheme = spec["components"]["securitySchemes"]["bearerToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert all(s == [{}, {"bearerToken": []}] for s in _security(spec).values())


def test_bearer_needed_for_writes_when_a_token_is_set(make_client):
    security = _security(_spec(make_client(api_token="s3cret")))
    assert security[("/api/v1/ingest", "post")] == [{"bearerToken": []}]
    assert security[("/api/v1/stories", "get")] == [{}, {"bearerToken": []}]


def test_bearer_needed_everywhere_off_loopback(make_client):
    client = make_client(api_token="s3cret", host="0.0.0.0")
    assert client.get("/api/v1/openapi.json").status_code == 401
    spec = client.get("/api/v1/openapi.json",
                      headers={"Authorization": "Bearer s3cret"}).json()
    assert all(s == [{"bearerToken": []}] for s in _security(spec).values())


def _validator(spec: dict, path: str, method: str = "get") -> Draft202012Validator:
    response = spec["paths"][path][method]["responses"]["200"]
    schema = response["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": spec["components"]})


def test_real_answers_match_their_schemas(client, story):
    spec = _spec(client)
    sid = story["story"]["id"]
    article_id = story["articles"][0]["id"]
    calls = [("/api/v1/stories", {}, "/api/v1/stories"),
             (f"/api/v1/stories/{sid}", {}, "/api/v1/stories/{story_id}"),
             ("/api/v1/articles", {}, "/api/v1/articles"),
             (f"/api/v1/articles/{article_id}", {}, "/api/v1/articles/{article_id}"),
             ("/api/v1/search", {"q": "troops"}, "/api/v1/search")]
    calls += [(f"/api/v1/{kind}", {}, f"/api/v1/{kind}")
              for kind in ("actors", "quotes", "claims", "events")]
    for url, params, path in calls:
        body = client.get(url, params=params).json()
        errors = list(_validator(spec, path).iter_errors(body))
        assert errors == [], (url, [e.message for e in errors[:3]])
        if "items" in body:
            assert body["items"], url


def test_an_ingest_answer_matches_its_schema(client):
    spec = _spec(client)
    body = client.post("/api/v1/ingest", json={"articles": [{"text": "A pier reopened."}]}).json()
    assert list(_validator(spec, "/api/v1/ingest", "post").iter_errors(body)) == []


V1_PARTS = {"articles": schemas.ArticleDoc, "actors": schemas.ActorDoc,
            "quotes": schemas.QuoteDoc, "claims": schemas.ClaimDoc,
            "claim_groups": schemas.ClaimGroupDoc, "events": schemas.EventDoc,
            "timeline": schemas.TimelineEntryDoc, "brief": schemas.BriefSentenceDoc}


@pytest.mark.parametrize("part", sorted(V1_PARTS))
def test_the_models_name_every_story_json_field(story, part):
    """A field added to story JSON v1 must be added to its model in web/schemas.py too."""
    written = {key for item in story[part] for key in item}
    assert story[part] and written == set(V1_PARTS[part].model_fields)


def test_the_story_model_names_the_header_and_parts(story):
    fields = {f.alias or name for name, f in schemas.StoryDocument.model_fields.items()}
    assert set(story) | {"extra"} == fields
    assert set(story["story"]) == set(schemas.StoryHeader.model_fields)


def test_the_story_answer_is_the_exported_document(client, story):
    body = client.get(f"/api/v1/stories/{story['story']['id']}").json()
    assert body == story  # no field added, none dropped, no nulls filled in


# ------------------------------------------------------------------ the docs page


def test_the_docs_page_is_served_from_this_app(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert links and not [u for u in links if not u.startswith("/")]  # nothing off this server
    assert "/api/v1/openapi.json" in links
    for url in links:
        assert client.get(url).status_code == 200, url
    script = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert "javascript" in script.headers["content-type"] and len(script.content) > 100_000


def test_the_ui_links_and_hints_lead_to_the_docs(client):
    assert 'href="/api/v1/docs"' in client.get("/").text
    hint = client.get("/api/v1/nothing-here").json()["error"]["hint"]
    target = re.search(r"/api/v1/\S+", hint).group()
    assert client.get(target).status_code == 200


def test_the_docs_page_needs_the_token_off_loopback(make_client):
    client = make_client(api_token="s3cret", host="0.0.0.0")
    assert client.get("/api/v1/docs").status_code == 401
    assert client.get("/api/v1/docs", headers={"Authorization": "Bearer s3cret"}).status_code \
        == 200


def test_the_annotation_model_names_every_annotation_field():
    import dataclasses

    from storyline.records import Annotation
    from storyline.web.schemas import AnnotationDoc

    assert set(AnnotationDoc.model_fields) == {f.name for f in dataclasses.fields(Annotation)}
