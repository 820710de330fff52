// Tax and shipping (admin only; GET /admin/checkout/settings): whether prices include VAT and the
// default country (PATCH), the VAT rates per country and tax class (PUT and DELETE one rate, entered
// in percent, kept in basis points), and the shipping zones with their methods (POST, PUT, DELETE a
// zone; prices in major units per currency). Every answer is the whole settings, shown as they are.
// Placed orders keep their figures.
import { ref, reactive, computed, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent, selected } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { COUNTRIES, countryName } from '../../shared/address.js';
import { formatMoney, toMajor, toMinor } from '../../shared/money.js';
import { api, errors, notify, validationError, t, CURRENCIES } from '../context.js';

const money = (m) => formatMoney(m, null, 'en');
const percent = (bp) => (bp / 100).toLocaleString('en', { maximumFractionDigits: 2 });
/** "19" or "7,5" percent -> basis points; NaN when not a number from 0 to 100. */
function basisPoints(text) {
  const n = Number(String(text).trim().replace(',', '.'));
  return String(text).trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? Math.round(n * 100) : NaN;
}
const countryLabel = (c) => (c === '*' ? t('restOfWorld') : `${countryName(c)} (${c})`);

function methodDraft(m) {
  return {
    id: m ? m.id : null,
    name: m ? m.name : '',
    prices: Object.fromEntries(CURRENCIES.map((c) => [c, m && m.prices[c] != null ? toMajor(m.prices[c], c) : ''])),
    freeAbove: Object.fromEntries(CURRENCIES.map((c) => [c, m && m.freeAbove && m.freeAbove[c] != null ? toMajor(m.freeAbove[c], c) : ''])),
    minDays: m ? m.minDays : 2,
    maxDays: m ? m.maxDays : 4,
    active: m ? m.active !== false : true,
  };
}

export const SettingsPage = {
  name: 'SettingsPage',
  setup() {
    const settings = ref(null);
    const general = reactive({ pricesIncludeTax: true, defaultCountry: 'DE' });
    const generalProblem = ref(null);
    const rateEdits = reactive({}); // "DE|standard" -> the percent typed
    const newRate = reactive({ country: '', taxClass: 'standard', rate: '' });
    const rateProblem = ref(null);
    const zone = ref(null); // the zone being edited: {id|null, name, countries, methods: [draft]}
    const zoneProblem = ref(null);
    const busy = ref(false);

    function show(s) {
      settings.value = s;
      general.pricesIncludeTax = s.pricesIncludeTax;
      general.defaultCountry = s.defaultCountry;
      Object.keys(rateEdits).forEach((k) => delete rateEdits[k]);
      s.taxRates.forEach((r) => { rateEdits[`${r.country}|${r.taxClass}`] = percent(r.rate); });
    }

    async function run(action, done, problem) {
      busy.value = true;
      errors.clear();
      if (problem) problem.value = null;
      try {
        show(await action());
        if (done) notify(done);
        return true;
      } catch (e) {
        if (problem) problem.value = e;
        errors.show(e);
        return false;
      } finally {
        busy.value = false;
      }
    }

    onMounted(() => run(() => api.get('/admin/checkout/settings')));

    // ---- general ----

    const saveGeneral = () => run(() => api.patch('/admin/checkout/settings', { ...general }, { idempotent: true }), t('settingsSaved'), generalProblem);

    // ---- VAT rates ----

    function saveRate(country, taxClass, text) {
      const rate = basisPoints(text);
      if (Number.isNaN(rate)) {
        rateProblem.value = validationError([{ field: `${country}|${taxClass}`, message: t('rateInvalid') }]);
        return Promise.resolve(false);
      }
      return run(() => api.put(`/admin/checkout/tax-rates/${country}/${encodeURIComponent(taxClass)}`, { rate }, { idempotent: true }),
        t('rateSaved', { country, rate: percent(rate) }), rateProblem);
    }

    function removeRate(r) {
      if (!window.confirm(t('confirmRemoveRate', { country: countryLabel(r.country), taxClass: r.taxClass }))) return;
      run(() => api.del(`/admin/checkout/tax-rates/${r.country}/${encodeURIComponent(r.taxClass)}`, { idempotent: true }),
        t('rateRemoved', { country: r.country }), rateProblem);
    }

    async function addRate() {
      const local = [];
      if (!newRate.country) local.push({ field: 'new.country', message: t('pickCountry') });
      if (Number.isNaN(basisPoints(newRate.rate))) local.push({ field: 'new.rate', message: t('rateInvalid') });
      if (local.length) { rateProblem.value = validationError(local); return; }
      if (await saveRate(newRate.country, newRate.taxClass.trim() || 'standard', newRate.rate)) {
        Object.assign(newRate, { country: '', taxClass: 'standard', rate: '' });
      }
    }

    // ---- shipping zones ----

    function editZone(z) {
      zoneProblem.value = null;
      zone.value = {
        id: z ? z.id : null,
        name: z ? z.name : '',
        countries: z ? z.countries.join(', ') : '',
        methods: z ? z.methods.map(methodDraft) : [methodDraft(null)],
      };
    }

    /** The zone as the API takes it; local mistakes as field errors. */
    function zoneInput(z) {
      const local = [];
      const amounts = (map, field) => {
        const out = {};
        for (const c of CURRENCIES) {
          const minor = toMinor(map[c], c);
          if (minor === null) continue;
          if (Number.isNaN(minor)) local.push({ field: `${field}.${c}`, message: t('amountInvalid') });
          else out[c] = minor;
        }
        return out;
      };
      const methods = z.methods.map((m, i) => ({
        ...(m.id ? { id: m.id } : {}),
        name: m.name.trim(),
        prices: amounts(m.prices, `methods[${i}].prices`),
        freeAbove: amounts(m.freeAbove, `methods[${i}].freeAbove`),
        minDays: Number(m.minDays),
        maxDays: Number(m.maxDays),
        active: m.active,
      }));
      const countries = z.countries.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
      return { input: { name: z.name.trim(), countries, methods }, local };
    }

    async function saveZone() {
      const z = zone.value;
      const { input, local } = zoneInput(z);
      if (local.length) { zoneProblem.value = validationError(local); return; }
      const done = await run(() => (z.id ? api.put(`/admin/checkout/shipping-zones/${z.id}`, input, { idempotent: true })
        : api.post('/admin/checkout/shipping-zones', input, { idempotent: true })), t('zoneSaved', { name: input.name }), zoneProblem);
      if (done) zone.value = null;
    }

    function removeZone(z) {
      if (!window.confirm(t('confirmRemoveZone', { name: z.name }))) return;
      run(() => api.del(`/admin/checkout/shipping-zones/${z.id}`, { idempotent: true }), t('zoneRemoved', { name: z.name }));
    }

    const usedCountries = computed(() => new Set((settings.value ? settings.value.taxRates : []).map((r) => r.country)));

    // ---- rendering ----

    function generalCard() {
      return html`
        <form class="card admin-card" onSubmit=${prevent(saveGeneral)} aria-labelledby="general-title" data-testid="general-settings">
          <h2 class="section-title" id="general-title">${t('generalSettings')}</h2>
          <${FormErrors} error=${generalProblem.value} inline=${['defaultCountry']} />
          <label class="check">
            <input type="checkbox" checked=${general.pricesIncludeTax} onChange=${(e) => { general.pricesIncludeTax = e.target.checked; }}
                   data-testid="prices-include-tax" />
            <span>${t('pricesIncludeTax')}<span class="cell-sub hint">${t('pricesIncludeTaxHint')}</span></span>
          </label>
          <label class="field">
            <span>${t('defaultCountry')}</span>
            <select ...${selected(general, 'defaultCountry')} data-testid="default-country">
              ${(COUNTRIES.includes(general.defaultCountry) ? COUNTRIES : [general.defaultCountry, ...COUNTRIES])
                .map((c) => html`<option key=${c} value=${c}>${countryLabel(c)}</option>`)}
            </select>
            <span class="hint">${t('defaultCountryHint')}</span>
            <${FieldError} error=${generalProblem.value} field="defaultCountry" />
          </label>
          <div><button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="save-general">${t('save')}</button></div>
        </form>`;
    }

    function ratesCard(s) {
      const rates = [...s.taxRates].sort((a, b) => a.country.localeCompare(b.country) || a.taxClass.localeCompare(b.taxClass));
      return html`
        <section class="card admin-card" aria-labelledby="rates-title" data-testid="tax-rates">
          <h2 class="section-title" id="rates-title">${t('vatRates')}</h2>
          <p class="muted small">${t('vatRatesHint')}</p>
          <div class="table-scroll">
            <table class="table rates-table">
              <thead><tr><th scope="col">${t('country')}</th><th scope="col">${t('taxClass')}</th><th scope="col">${t('rate')}</th>
                <th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
              <tbody>
                ${rates.map((r) => {
                  const key = `${r.country}|${r.taxClass}`;
                  return html`
                    <tr key=${key} data-testid="tax-rate-row" data-country=${r.country}>
                      <td>${countryLabel(r.country)}</td>
                      <td><code>${r.taxClass}</code></td>
                      <td>
                        <form class="rate-form" onSubmit=${prevent(() => saveRate(r.country, r.taxClass, rateEdits[key]))}>
                          <span class="input-affix input-percent"><input ...${model(rateEdits, key)} type="text" inputmode="decimal"
                            aria-label=${t('rateOf', { country: r.country, taxClass: r.taxClass })} data-testid="tax-rate-input" /><span>%</span></span>
                          ${rateEdits[key] !== percent(r.rate)
                            ? html`<button type="submit" class="btn btn-small btn-primary" disabled=${busy.value} data-testid="save-rate">${t('save')}</button>` : null}
                        </form>
                        <${FieldError} error=${rateProblem.value} field=${key} />
                      </td>
                      <td class="row-actions">
                        <button type="button" class="btn btn-ghost btn-small btn-danger-text" disabled=${busy.value}
                                onClick=${() => removeRate(r)} data-testid="remove-rate">${t('remove')}</button>
                      </td>
                    </tr>`;
                })}
              </tbody>
            </table>
          </div>
          <form class="inline-form" onSubmit=${prevent(addRate)} aria-label=${t('addRate')} data-testid="add-rate-form">
            <label class="field">
              <span>${t('country')}</span>
              <select ...${selected(newRate, 'country')} data-testid="new-rate-country">
                <option value="">${t('pickCountry')}</option>
                ${COUNTRIES.map((c) => html`<option key=${c} value=${c}>${countryLabel(c)}${usedCountries.value.has(c) ? ' ✓' : ''}</option>`)}
              </select>
              <${FieldError} error=${rateProblem.value} field="new.country" />
            </label>
            <label class="field field-narrow-md">
              <span>${t('taxClass')}</span>
              <input ...${model(newRate, 'taxClass')} type="text" data-testid="new-rate-class" />
            </label>
            <label class="field field-narrow-md">
              <span>${t('rate')}</span>
              <span class="input-affix input-percent"><input ...${model(newRate, 'rate')} type="text" inputmode="decimal" placeholder="19"
                data-testid="new-rate" /><span>%</span></span>
              <${FieldError} error=${rateProblem.value} field="new.rate" />
            </label>
            <div class="inline-actions"><button type="submit" class="btn" disabled=${busy.value} data-testid="add-rate">${t('addRate')}</button></div>
          </form>
          <${FormErrors} error=${rateProblem.value} inline=${['new.country', 'new.rate', ...Object.keys(rateEdits)]} />
        </section>`;
    }

    function methodRow(m, i, z) {
      return html`
        <tr key=${i} data-testid="method-row">
          <td><input ...${model(m, 'name')} type="text" aria-label=${t('methodName', { n: i + 1 })} data-testid="method-name" /></td>
          ${CURRENCIES.map((c) => html`
            <td key=${'p' + c}><span class="input-affix"><span>${c}</span><input ...${model(m.prices, c)} type="text" inputmode="decimal"
              aria-label=${t('methodPrice', { n: i + 1, currency: c })} data-testid=${'method-price-' + c} /></span></td>`)}
          ${CURRENCIES.map((c) => html`
            <td key=${'f' + c}><span class="input-affix"><span>${c}</span><input ...${model(m.freeAbove, c)} type="text" inputmode="decimal"
              placeholder="—" aria-label=${t('methodFreeAbove', { n: i + 1, currency: c })} /></span></td>`)}
          <td class="days">
            <input ...${model(m, 'minDays')} type="number" min="0" max="365" class="input-days" aria-label=${t('methodMinDays', { n: i + 1 })} />
            <span aria-hidden="true">–</span>
            <input ...${model(m, 'maxDays')} type="number" min="0" max="365" class="input-days" aria-label=${t('methodMaxDays', { n: i + 1 })} />
          </td>
          <td><input type="checkbox" checked=${m.active} onChange=${(e) => { m.active = e.target.checked; }}
            aria-label=${t('methodActive', { n: i + 1 })} /></td>
          <td class="row-actions"><button type="button" class="btn btn-ghost btn-small btn-danger-text"
            onClick=${() => z.methods.splice(i, 1)} aria-label=${t('removeMethod', { n: i + 1 })}>✕</button></td>
        </tr>`;
    }

    function zoneForm(z) {
      return html`
        <form class="zone-form stack" onSubmit=${prevent(saveZone)} data-testid="zone-form">
          <h3 class="sub-title">${z.id ? t('editZone') : t('newZone')}</h3>
          <${FormErrors} error=${zoneProblem.value} />
          <div class="field-row">
            <label class="field">
              <span>${t('zoneName')}</span>
              <input ...${model(z, 'name')} type="text" maxlength="100" data-testid="zone-name" />
            </label>
            <label class="field field-grow">
              <span>${t('zoneCountries')}</span>
              <input ...${model(z, 'countries')} type="text" placeholder="DE, AT, CH" data-testid="zone-countries" />
              <span class="hint">${t('zoneCountriesHint')}</span>
            </label>
          </div>
          <div class="table-scroll">
            <table class="table methods-table">
              <thead><tr><th scope="col">${t('method')}</th>
                ${CURRENCIES.map((c) => html`<th key=${'p' + c} scope="col">${t('priceInCurrency', { currency: c })}</th>`)}
                ${CURRENCIES.map((c) => html`<th key=${'f' + c} scope="col">${t('freeFromIn', { currency: c })}</th>`)}
                <th scope="col">${t('workingDays')}</th><th scope="col">${t('methodOn')}</th><th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
              <tbody>
                ${z.methods.map((m, i) => methodRow(m, i, z))}
                ${z.methods.length ? null : html`<tr><td colspan="8" class="empty">${t('noMethods')}</td></tr>`}
              </tbody>
            </table>
          </div>
          <div class="row-between">
            <button type="button" class="btn btn-small" onClick=${() => z.methods.push(methodDraft(null))} data-testid="add-method">${t('addMethod')}</button>
            <div class="inline-actions">
              <button type="button" class="btn btn-ghost" onClick=${() => { zone.value = null; }}>${t('cancel')}</button>
              <button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="save-zone">${t('saveZone')}</button>
            </div>
          </div>
        </form>`;
    }

    function zoneView(z) {
      return html`
        <li key=${z.id} class="zone" data-testid="zone" data-name=${z.name}>
          <div class="zone-head">
            <div>
              <p class="row-title">${z.name}</p>
              <p class="muted small">${z.countries.map(countryLabel).join(', ')}</p>
            </div>
            <div class="inline-actions">
              <button type="button" class="btn btn-small" disabled=${busy.value || !!zone.value} onClick=${() => editZone(z)} data-testid="edit-zone">${t('editZoneButton')}</button>
              <button type="button" class="btn btn-ghost btn-small btn-danger-text" disabled=${busy.value} onClick=${() => removeZone(z)}
                      data-testid="remove-zone">${t('remove')}</button>
            </div>
          </div>
          ${zone.value && zone.value.id === z.id ? zoneForm(zone.value) : html`
            <ul class="zone-methods">
              ${z.methods.map((m) => html`
                <li key=${m.id} class=${{ inactive: m.active === false }} data-testid="zone-method">
                  <strong>${m.name}</strong>
                  <span>${CURRENCIES.filter((c) => m.prices[c] != null).map((c) => money({ amount: m.prices[c], currency: c })).join(' · ')}</span>
                  ${Object.keys(m.freeAbove || {}).length ? html`<span class="muted small">${t('freeFromShort', {
                    amounts: Object.entries(m.freeAbove).map(([c, a]) => money({ amount: a, currency: c })).join(' · ') })}</span>` : null}
                  <span class="muted small">${t(m.minDays === 1 && m.maxDays === 1 ? 'daysShortOne' : 'daysShort', { days: m.minDays === m.maxDays ? m.minDays : `${m.minDays}–${m.maxDays}` })}</span>
                  ${m.active === false ? html`<span class="badge badge-muted">${t('inactive')}</span>` : null}
                </li>`)}
              ${z.methods.length ? null : html`<li class="muted small">${t('noMethods')}</li>`}
            </ul>`}
        </li>`;
    }

    function zonesCard(s) {
      return html`
        <section class="card admin-card" aria-labelledby="zones-title" data-testid="shipping-zones">
          <div class="row-between">
            <h2 class="section-title" id="zones-title">${t('shippingZones')}</h2>
            <button type="button" class="btn btn-small" disabled=${!!zone.value} onClick=${() => editZone(null)} data-testid="add-zone">${t('addZone')}</button>
          </div>
          <p class="muted small">${t('shippingZonesHint')}</p>
          <ul class="zones">${s.zones.map(zoneView)}</ul>
          ${zone.value && !zone.value.id ? zoneForm(zone.value) : null}
        </section>`;
    }

    return () => {
      const s = settings.value;
      return html`
        <section class="page settings-page" data-testid="checkout-settings">
          <div class="page-head"><h1 class="page-title">${t('settingsTitle')}</h1></div>
          ${!s ? html`<p class="muted">${t('loading')}</p>` : html`
            <div class="settings-grid">${generalCard()}${ratesCard(s)}${zonesCard(s)}</div>`}
        </section>`;
    };
  },
};
