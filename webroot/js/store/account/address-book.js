// The customer's address book on the account page: the saved addresses (defaults marked), an
// editor for a new or an existing one with each field's error next to it, and removal.
import { ref, reactive, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent, selected } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { ADDRESS_FIELDS as FIELDS, countryOptions, countryName as nameOf, fieldRequired } from '../../shared/address.js';
import { api, errors, settings, t } from '../context.js';

const MAX_ADDRESSES = 20; // the API's limit (ADDRESS_BOOK_FULL)

const blank = () => ({ name: '', company: '', line1: '', line2: '', postalCode: '', city: '', region: '', country: 'DE',
  phone: '', defaultShipping: false, defaultBilling: false });

export const AddressBook = {
  name: 'AddressBook',
  setup() {
    const items = ref([]);
    const editing = ref(null); // null: closed; 'new'; or the id being edited
    const form = reactive(blank());
    const busy = ref(false);
    const problem = ref(null);

    async function load() {
      try {
        items.value = (await api.get('/me/addresses')).items;
      } catch (e) {
        errors.show(e);
      }
    }

    function open(address) {
      Object.assign(form, blank(), address ? Object.fromEntries(Object.keys(blank()).map((k) => [k, address[k] ?? blank()[k]])) : {});
      problem.value = null;
      editing.value = address ? address.id : 'new';
    }

    async function save() {
      busy.value = true;
      problem.value = null;
      errors.clear();
      const body = { ...form };
      if (editing.value === 'new') {
        // unticked on a new address: leave it to the book (its first address becomes the default)
        if (!body.defaultShipping) delete body.defaultShipping;
        if (!body.defaultBilling) delete body.defaultBilling;
      }
      try {
        if (editing.value === 'new') await api.post('/me/addresses', body, { idempotent: true });
        else await api.put(`/me/addresses/${editing.value}`, body, { idempotent: true });
        editing.value = null;
        await load();
      } catch (e) {
        problem.value = e;
        if (!(e.errors && e.errors.length)) errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    async function remove(address) {
      if (busy.value) return;
      busy.value = true;
      try {
        await api.del(`/me/addresses/${address.id}`, { idempotent: true });
        await load();
      } catch (e) {
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    const countryName = (code) => nameOf(code, settings.locale || 'en');

    onMounted(load);
    return () => html`
      <section class="card form-card address-book" data-testid="address-book">
        <div class="row-between">
          <h2 class="section-title">${t('addresses')}</h2>
          ${editing.value || items.value.length >= MAX_ADDRESSES ? null : html`
            <button type="button" class="btn" onClick=${() => open(null)} data-testid="address-add">${t('addAddress')}</button>`}
        </div>
        ${items.value.length === 0 && !editing.value ? html`<p class="muted" data-testid="address-empty">${t('noAddresses')}</p>` : null}
        <ul class="address-list">
          ${items.value.map((a) => html`
            <li key=${a.id} class="address-item" data-testid="address-item">
              <address>
                <strong>${a.name}</strong>${a.company ? html`<br />${a.company}` : null}<br />
                ${a.line1}${a.line2 ? html`<br />${a.line2}` : null}<br />
                ${a.postalCode} ${a.city}${a.region ? `, ${a.region}` : ''}<br />
                ${countryName(a.country)}${a.phone ? html`<br />${a.phone}` : null}
              </address>
              <p class="address-badges">
                ${a.defaultShipping ? html`<span class="badge" data-testid="default-shipping">${t('defaultShipping')}</span>` : null}
                ${a.defaultBilling ? html`<span class="badge" data-testid="default-billing">${t('defaultBilling')}</span>` : null}
              </p>
              <p class="address-actions">
                <button type="button" class="btn btn-small" onClick=${() => open(a)} data-testid="address-edit">${t('edit')}</button>
                <button type="button" class="btn btn-small" onClick=${() => remove(a)} disabled=${busy.value} data-testid="address-remove">${t('removeAddress')}</button>
              </p>
            </li>`)}
        </ul>
        ${editing.value ? html`
          <form onSubmit=${prevent(save)} class="stack address-form" data-testid="address-form" novalidate>
            <h3>${editing.value === 'new' ? t('addAddress') : t('editAddress')}</h3>
            <${FormErrors} error=${problem.value} inline=${[...FIELDS.map((f) => f.key), 'country']} />
            ${FIELDS.map((f) => html`
              <label key=${f.key} class=${'field' + (f.half ? ' field-half' : '')}>
                <span>${t(f.label)}${fieldRequired(f, form.country) ? ' *' : ''}</span>
                <input ...${model(form, f.key)} type=${f.type || 'text'} name=${f.key} autocomplete=${f.autocomplete}
                       required=${fieldRequired(f, form.country)} data-testid=${'address-' + f.key}
                       aria-describedby=${'address-' + f.key + '-error'} />
                <${FieldError} error=${problem.value} field=${f.key} id=${'address-' + f.key + '-error'} />
              </label>`)}
            <label class="field">
              <span>${t('country')} *</span>
              <select ...${selected(form, 'country')} name="country" autocomplete="country" data-testid="address-country">
                ${countryOptions(settings.locale || 'en', form.country).map((c) => html`
                  <option key=${c.code} value=${c.code}>${c.name}</option>`)}
              </select>
              <${FieldError} error=${problem.value} field="country" id="address-country-error" />
            </label>
            <label class="check"><input type="checkbox" checked=${form.defaultShipping}
              onChange=${(e) => { form.defaultShipping = e.target.checked; }} data-testid="address-default-shipping" />
              ${t('useForShipping')}</label>
            <label class="check"><input type="checkbox" checked=${form.defaultBilling}
              onChange=${(e) => { form.defaultBilling = e.target.checked; }} data-testid="address-default-billing" />
              ${t('useForBilling')}</label>
            <div class="row">
              <button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="address-save">${t('saveAddress')}</button>
              <button type="button" class="btn" onClick=${() => { editing.value = null; }} data-testid="address-cancel">${t('cancel')}</button>
            </div>
          </form>` : null}
      </section>`;
  },
};
