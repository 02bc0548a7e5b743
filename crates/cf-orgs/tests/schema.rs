//! With the `schemars` feature, the generated types derive
//! `schemars::JsonSchema`: a downstream crate (this one, in its tests) can emit
//! the JSON Schema of any request or response type.

use cf_orgs_gen::types;
use serde_json::Value;

#[test]
fn organization_json_schema_has_the_specs_fields() {
    let schema = serde_json::to_value(schemars::schema_for!(types::OrganizationsApiOrganization)).unwrap();
    assert_eq!(schema["title"], "OrganizationsApiOrganization");
    let props = schema["properties"].as_object().expect("an object schema");
    for field in ["id", "name", "create_time", "meta", "parent", "profile"] {
        assert!(props.contains_key(field), "missing {field}");
    }
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(required, ["create_time", "id", "meta", "name"]);
    assert_eq!(props["create_time"]["format"], "date-time");
}

#[test]
fn create_body_schema_leaves_out_server_assigned_fields() {
    let schema = serde_json::to_value(schemars::schema_for!(types::OrganizationsApiOrganizationWrite)).unwrap();
    let props = schema["properties"].as_object().unwrap();
    assert!(props.contains_key("name") && !props.contains_key("id") && !props.contains_key("create_time"));
    assert_eq!(schema["required"], serde_json::json!(["name"]));
}
