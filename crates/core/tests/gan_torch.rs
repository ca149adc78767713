//! The GAN against PyTorch: the same weights and batches give the same losses, the same
//! gradients of both players, and the same parameters after one Adam (β₁ = 0.5) update of the
//! discriminator, one of the generator, and a second of the discriminator (where Adam's β₁
//! first matters).
//!
//! `tests/fixtures/gan/make_fixture.py` fixed small seeded weights for a generator
//! (2 → 5 → 5 → 2) and a discriminator (2 → 6 → 6 → 1), a batch of 6 real points and 5 latent
//! codes, and ran PyTorch's own `nn.Linear`, `nn.LeakyReLU`, `F.binary_cross_entropy_with_logits`
//! and `torch.optim.Adam` in float64 (versions in the fixture's README). The test loads the
//! weights by name with [`Params::set`], runs the trainer's own update functions in f32 and
//! compares.
//!
//! **Error measure** (the house one, as in `tensor_torch.rs`): per value,
//! `|ours − torch| / max(|torch|, 10⁻²·max|torch|)` over each tensor; the worst over the case is
//! printed (`--nocapture`) and must stay below [`TOL`]. Measured: 2.7e-6 (∂L_G/∂hidden0.weight).
//! Adam's default β₁ = 0.9 instead of 0.5 fails it (1.8e-3 on D after its second step); a wrong
//! sign of a loss, or one mean over both batches instead of the sum of two means, would be off
//! by order 1.

use perplexed_core::diffusion::targets::Target;
use perplexed_core::gan::nets::Mlp;
use perplexed_core::gan::{GanTrainer, GeneratorLoss, Settings};
use perplexed_core::tensor::Params;
use serde_json::Value;

const TOL: f64 = 1e-4;

fn load() -> Value {
    let path = format!("{}/tests/fixtures/gan/torch_step.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v["values"].as_array().expect("a tensor").iter().map(|x| x.as_f64().unwrap()).collect()
}

fn values(v: &Value) -> Vec<f32> {
    numbers(v).into_iter().map(|x| x as f32).collect()
}

/// Loads every tensor of `given` into `net` by name, checking that the fixture names every
/// parameter (a renamed one would otherwise keep its random value) with the right shape.
fn set_params(net: &mut Mlp, given: &Value) {
    let given = given.as_object().unwrap();
    for (name, t) in given {
        let id = net.params.find(name).unwrap_or_else(|| panic!("the network has no {name}"));
        let shape: Vec<usize> = t["shape"].as_array().unwrap().iter().map(|d| d.as_u64().unwrap() as usize).collect();
        assert_eq!(net.params.entry(id).shape.dims(), shape, "{name}: shape");
        net.params.set(name, &values(t)).unwrap();
    }
    for e in net.params.entries() {
        assert!(given.contains_key(&e.name), "the fixture does not give {}", e.name);
    }
}

struct Compare {
    worst: f64,
    at: String,
}

impl Compare {
    fn values(&mut self, what: &str, ours: &[f32], reference: &[f64]) {
        assert_eq!(ours.len(), reference.len(), "{what}: {} values vs {}", ours.len(), reference.len());
        let largest = reference.iter().fold(0.0f64, |m, r| m.max(r.abs()));
        for (i, (&a, &r)) in ours.iter().zip(reference).enumerate() {
            let err = (f64::from(a) - r).abs() / r.abs().max(1e-2 * largest).max(1e-30);
            assert!(err < TOL, "{what}[{i}]: ours {a:e}, torch {r:e} (error {err:.2e})");
            if err > self.worst {
                self.worst = err;
                self.at = format!("{what}[{i}]");
            }
        }
    }
    fn scalar(&mut self, what: &str, ours: f32, reference: &Value) {
        self.values(what, &[ours], &[reference.as_f64().unwrap()]);
    }
    /// Every tensor of `reference` against the same-named one of `params` (values or gradients).
    fn params(&mut self, what: &str, params: &Params, reference: &Value, grads: bool) {
        for (name, t) in reference.as_object().unwrap() {
            let id = params.find(name).unwrap();
            let ours = if grads { params.grad(id) } else { params.value(id) };
            self.values(&format!("{what} {name}"), ours, &numbers(t));
        }
    }
}

#[test]
fn one_update_of_each_player_matches_torch() {
    let f = load();
    let s = &f["settings"];
    let settings = Settings {
        generator_width: s["generator_width"].as_u64().unwrap() as usize,
        discriminator_width: s["discriminator_width"].as_u64().unwrap() as usize,
        generator_depth: s["depth"].as_u64().unwrap() as usize,
        discriminator_depth: s["depth"].as_u64().unwrap() as usize,
        latent: s["latent"].as_u64().unwrap() as usize,
        lr_d: s["lr_d"].as_f64().unwrap() as f32,
        lr_g: s["lr_g"].as_f64().unwrap() as f32,
        ..Settings::default()
    };
    assert_eq!(s["beta1"].as_f64(), Some(0.5), "the engine's GAN Adam has β₁ = 0.5");
    let data = Target::Gaussian.sample(16, 1).unwrap();
    let mut gan = GanTrainer::new(data, settings, 10).unwrap();
    set_params(&mut gan.generator, &f["generator"]);
    set_params(&mut gan.discriminator, &f["discriminator"]);
    let (real, z) = (values(&f["real"]), values(&f["z"]));
    let mut cmp = Compare { worst: 0.0, at: String::new() };

    // The fakes the discriminator sees.
    let fake = {
        let mut tape = perplexed_core::tensor::Tape::new();
        let zv = tape.input([z.len() / 2, 2], &z);
        let x = gan.generator.forward(&mut tape, zv);
        tape.value(x).to_vec()
    };
    cmp.values("G(z)", &fake, &numbers(&f["fake"]));

    // 1–2: the discriminator.
    let d = gan.step_d_on(&real, &z).unwrap();
    cmp.scalar("L_D", d.loss, &f["loss_d"]);
    cmp.scalar("mean D(x)", d.real, &f["d_real"]);
    cmp.scalar("mean D(G(z))", d.fake, &f["d_fake"]);
    cmp.params("∂L_D/∂", &gan.discriminator.params, &f["grads_d"], true);
    cmp.params("D after Adam:", &gan.discriminator.params, &f["discriminator_after"], false);

    // 3: the minimax loss against the updated discriminator (gradients only)…
    gan.set_generator_loss(GeneratorLoss::Minimax);
    let mm = gan.g_backward(&z).unwrap();
    cmp.scalar("L_G minimax", mm.loss, &f["loss_g_mm"]);
    cmp.scalar("mean D(G(z)) after D's step", mm.fake, &f["g_fake_mm"]);
    cmp.params("∂L_G(minimax)/∂", &gan.generator.params, &f["grads_g_mm"], true);
    // …4: then one update on the non-saturating loss.
    gan.set_generator_loss(GeneratorLoss::NonSaturating);
    let ns = gan.step_g_on(&z).unwrap();
    cmp.scalar("L_G non-saturating", ns.loss, &f["loss_g_ns"]);
    cmp.params("∂L_G(non-saturating)/∂", &gan.generator.params, &f["grads_g_ns"], true);
    cmp.params("G after Adam:", &gan.generator.params, &f["generator_after"], false);

    // 5: D's second update (where β₁ matters).
    let d2 = gan.step_d_on(&real, &z).unwrap();
    cmp.scalar("L_D, second", d2.loss, &f["loss_d_second"]);
    cmp.params("D after a second Adam step:", &gan.discriminator.params, &f["discriminator_after_second"], false);

    assert!(!gan.diverged());
    eprintln!("GAN vs PyTorch: worst error {:.2e} at {}", cmp.worst, cmp.at);
}
