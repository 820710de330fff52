// The recommender's settings (admin only; GET/PUT /admin/recommendations/settings): the A/B split and,
// per arm, the model each situation's cascade asks first. Stored by the engine and applied on every
// node within seconds.
import { reactive, ref, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, selected, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, notify, t } from '../context.js';

const SITUATIONS = ['home', 'product', 'category', 'cart'];
const PERSONAL = ['co-occurrence', 'ease', 'content'];
/** What each situation may start with (the product page's similar row: the models about a product). */
const CHOICES = { home: [...PERSONAL, 'trending', 'popularity'], product: PERSONAL,
  category: [...PERSONAL, 'trending', 'popularity'], cart: [...PERSONAL, 'trending', 'popularity'] };

export const SettingsForm = {
  name: 'RecommenderSettingsForm',
  setup() {
    const form = reactive({ abSplitPercent: 0, a: {}, b: {} });
    const stored = ref(null);
    const problem = ref(null);
    const busy = ref(false);

    function take(s) {
      stored.value = s;
      form.abSplitPercent = s.abSplitPercent;
      form.a = { ...s.arms.a };
      form.b = { ...s.arms.b };
    }

    onMounted(async () => {
      try {
        take(await api.get('/admin/recommendations/settings'));
      } catch (e) {
        errors.show(e);
      }
    });

    async function save() {
      errors.clear();
      problem.value = null;
      busy.value = true;
      try {
        take(await api.put('/admin/recommendations/settings', { abSplitPercent: form.abSplitPercent, arms: { a: form.a, b: form.b } }));
        notify(t('recoSettingsSaved'));
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    const armColumn = (arm) => SITUATIONS.map((situation) => html`
      <td key=${arm + situation}>
        <select ...${selected(form[arm], situation)} aria-label=${t('recoFirstModelOf', { arm, situation: t(`recoSituation_${situation}`) })}
          data-testid=${`reco-setting-${arm}-${situation}`}>
          ${CHOICES[situation].map((m) => html`<option key=${m} value=${m}>${m}</option>`)}
        </select>
        <${FieldError} error=${problem.value} field=${`arms.${arm}.${situation}`} />
      </td>`);

    return () => html`
      <section class="card panel" data-testid="reco-settings">
        <h2 class="section-title">${t('recoSettings')}</h2>
        <p class="muted small">${t('recoSettingsHint')}</p>
        ${!stored.value ? null : html`
          <form class="stack" onSubmit=${prevent(save)} novalidate data-testid="reco-settings-form">
            <${FormErrors} error=${problem.value} inline=${['abSplitPercent', ...['a', 'b'].flatMap((arm) => SITUATIONS.map((s) => `arms.${arm}.${s}`))]} />
            <label class="field"><span>${t('recoSplit')}</span>
              <input ...${model(form, 'abSplitPercent')} type="number" min="0" max="100" step="1" data-testid="reco-setting-split" />
              <${FieldError} error=${problem.value} field="abSplitPercent" /></label>
            <div class="table-scroll"><table class="table compact-table">
              <thead><tr><th scope="col">${t('recoArm')}</th>
                ${SITUATIONS.map((s) => html`<th key=${s} scope="col">${t(`recoSituation_${s}`)}</th>`)}</tr></thead>
              <tbody>
                <tr><th scope="row">a</th>${armColumn('a')}</tr>
                <tr><th scope="row">b</th>${armColumn('b')}</tr>
              </tbody>
            </table></div>
            <p class="muted small" data-testid="reco-settings-version">${stored.value.version
              ? t('recoSettingsVersion', { v: stored.value.version, at: new Date(stored.value.updatedAt).toLocaleString('en') })
              : t('recoSettingsDefaults')}</p>
            <div><button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="reco-settings-save">${t('recoSettingsSave')}</button></div>
          </form>`}
      </section>`;
  },
};
