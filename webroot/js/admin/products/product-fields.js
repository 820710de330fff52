// The field groups of the product editor. They edit the editor's reactive form in place; the
// editor owns loading, saving and the variants.
import { html } from '../../shared/html.js';
import { model, selected, selectModel } from '../../shared/forms.js';
import { FieldError } from '../../shared/errors.js';
import { LOCALES, t } from '../context.js';
import { CategoryPicker } from './category-picker.js';

const hasFieldError = (problem, field) => Boolean(problem && problem.errors && problem.errors.some((e) => e.field === field));

/** Slug, status, default locale, categories. */
export const GeneralFields = {
  name: 'GeneralFields',
  props: { form: Object, problem: Object, categories: Array },
  setup(props) {
    return () => html`
      <fieldset class="card fieldset">
        <legend>${t('general')}</legend>
        <label class="field">
          <span>${t('slug')}</span>
          <input ...${model(props.form, 'slug')} type="text" required data-testid="edit-slug" aria-describedby="err-slug"
                 aria-invalid=${hasFieldError(props.problem, 'slug') ? 'true' : null} />
          <${FieldError} error=${props.problem} field="slug" id="err-slug" />
        </label>
        <div class="field-row">
          <label class="field">
            <span>${t('status')}</span>
            <select ...${selected(props.form, 'status')} data-testid="edit-status">
              <option value="DRAFT">${t('draft')}</option>
              <option value="PUBLISHED">${t('published')}</option>
            </select>
            <${FieldError} error=${props.problem} field="status" />
          </label>
          <label class="field">
            <span>${t('defaultLocale')}</span>
            <select ...${selected(props.form, 'defaultLocale')} data-testid="edit-default-locale">
              ${LOCALES.map((l) => html`<option key=${l} value=${l}>${l}</option>`)}
            </select>
          </label>
          <label class="field">
            <span>${t('productTaxClass')}</span>
            <input ...${model(props.form, 'taxClass')} type="text" list="tax-classes" maxlength="40" data-testid="edit-tax-class"
                   aria-describedby="err-taxClass hint-taxClass" />
            <datalist id="tax-classes"><option value="standard"></option><option value="reduced"></option><option value="zero"></option></datalist>
            <span class="hint" id="hint-taxClass">${t('taxClassHint')}</span>
            <${FieldError} error=${props.problem} field="taxClass" id="err-taxClass" />
          </label>
        </div>
        <div class="field">
          <span class="field-label" id="label-categories">${t('categories')}</span>
          <${CategoryPicker} form=${props.form} categories=${props.categories} />
          <${FieldError} error=${props.problem} field="categoryIds" />
        </div>
      </fieldset>`;
  },
};

/** Name and description per locale. */
export const TranslationFields = {
  name: 'TranslationFields',
  props: { form: Object, problem: Object },
  setup(props) {
    return () => html`
      <fieldset class="card fieldset">
        <legend>${t('translations')}</legend>
        <div class="translations">
          ${LOCALES.map((l) => html`
            <div key=${l} class="translation" data-locale=${l}>
              <h2 class="sub-title">${l.toUpperCase()} ${l === props.form.defaultLocale ? html`<span class="badge badge-muted">${t('isDefault')}</span>` : null}</h2>
              <label class="field">
                <span>${t('nameIn', { locale: l })}</span>
                <input ...${model(props.form.translations[l], 'name')} type="text" data-testid=${'edit-name-' + l} />
                <${FieldError} error=${props.problem} field=${'translations.' + l + '.name'} />
              </label>
              <label class="field">
                <span>${t('descriptionIn', { locale: l })}</span>
                <textarea ...${model(props.form.translations[l], 'description')} rows="4" data-testid=${'edit-description-' + l}></textarea>
                <${FieldError} error=${props.problem} field=${'translations.' + l + '.description'} />
              </label>
            </div>`)}
        </div>
      </fieldset>`;
  },
};

/** A field per attribute definition (by type), and the values of unknown attributes, kept as they are. */
export const AttributeFields = {
  name: 'AttributeFields',
  props: { form: Object, problem: Object, attributeDefs: Array, unknownAttributes: Array },
  setup(props) {
    function attributeInput(a) {
      const id = 'attr-' + a.code;
      if (a.type === 'ENUM' || a.type === 'BOOLEAN') {
        const options = a.type === 'ENUM'
          ? (a.values || []).map((v) => html`<option key=${v} value=${v}>${v}</option>`)
          : [html`<option value="true">${t('yes')}</option>`, html`<option value="false">${t('no')}</option>`];
        return selectModel(html`
          <select id=${id} data-testid=${'edit-attr-' + a.code}>
            <option value=${undefined}>—</option>
            ${options}
          </select>`, props.form.attributes, a.code);
      }
      return html`<input id=${id} ...${model(props.form.attributes, a.code)} type=${a.type === 'NUMBER' ? 'number' : 'text'}
                         step="any" data-testid=${'edit-attr-' + a.code} />`;
    }

    return () => html`
      <fieldset class="card fieldset">
        <legend>${t('attributes')}</legend>
        ${!props.attributeDefs.length && !props.unknownAttributes.length
          ? html`<p class="muted">${t('noAttributes')} <a href="#/attributes">${t('createSome')}</a>.</p>` : null}
        ${props.attributeDefs.map((a) => html`
          <div key=${a.code} class="field">
            <label for=${'attr-' + a.code}>${a.name || a.code} ${a.unit ? html`<span class="muted">(${a.unit})</span>` : null}</label>
            ${attributeInput(a)}
            <${FieldError} error=${props.problem} field=${'attributes.' + a.code} />
          </div>`)}
        ${props.unknownAttributes.map((code) => html`
          <p key=${code} class="muted small">${code}: <code>${props.form.attributes[code]}</code> ${t('keptAsIs')}</p>`)}
      </fieldset>`;
  },
};

/** SEO title and description. */
export const SeoFields = {
  name: 'SeoFields',
  props: { form: Object, problem: Object },
  setup(props) {
    return () => html`
      <fieldset class="card fieldset">
        <legend>${t('seo')}</legend>
        <label class="field">
          <span>${t('seoTitle')}</span>
          <input ...${model(props.form.seo, 'title')} type="text" data-testid="edit-seo-title" />
          <${FieldError} error=${props.problem} field="seo.title" />
        </label>
        <label class="field">
          <span>${t('seoDescription')}</span>
          <textarea ...${model(props.form.seo, 'description')} rows="2"></textarea>
          <${FieldError} error=${props.problem} field="seo.description" />
        </label>
      </fieldset>`;
  },
};
