//! The scikit-learn fixture the `tabular_*` tests share (`fixtures/sklearn/make_fixtures.py`
//! wrote it, with the library versions): reading it and its data sets.

#![allow(dead_code)]

use serde_json::Value;

pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

pub fn f32s(v: &Value) -> Vec<f32> {
    floats(v).into_iter().map(|x| x as f32).collect()
}

/// The fixture, which must say which NumPy and scikit-learn made it.
pub fn fixture() -> Value {
    let json: Value = serde_json::from_str(include_str!("../fixtures/sklearn/tabular_reference.json")).unwrap();
    assert!(json["numpy_version"].as_str().is_some() && json["sklearn_version"].as_str().is_some());
    json
}

/// `(x, n_features, y)` of `data[name][part]`.
pub fn dataset(json: &Value, name: &str, part: &str) -> (Vec<f32>, usize, Vec<f32>) {
    let d = &json["data"][name][part];
    (f32s(&d["x"]), d["n_features"].as_u64().unwrap() as usize, f32s(&d["y"]))
}
