#ifndef FACTCHECK_CLIBXML2_SHIM_H
#define FACTCHECK_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>
#include <libxml/uri.h>
#include <string.h>

/*
 * libxml2 2.12 made the structured error callback take `const xmlError *`;
 * earlier versions pass `xmlError *`. Swift code always supplies this one
 * signature and the shim casts it to whatever the installed headers declare.
 */
typedef void (*fc_structured_error_fn)(void *user, const xmlError *error);

/* Route a parser context's errors to `fn`, with `collector` reachable through `_private`. */
static inline void fc_parser_set_errors(xmlParserCtxtPtr ctxt, fc_structured_error_fn fn, void *collector) {
    ctxt->_private = collector;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    ctxt->sax->serror = (xmlStructuredErrorFunc)fn;
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->sax->fatalError = NULL;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
}

/* The collector a parser error callback was given (the callback's user pointer is the context). */
static inline void *fc_parser_collector(void *user) {
    return user == NULL ? NULL : ((xmlParserCtxtPtr)user)->_private;
}

typedef void (*fc_internal_subset_fn)(void *ctx, const xmlChar *name, const xmlChar *externalID, const xmlChar *systemID);

/* Replace the handler libxml2 calls when it meets a DOCTYPE, so a document with one can be refused on sight. */
static inline void fc_parser_set_doctype_handler(xmlParserCtxtPtr ctxt, fc_internal_subset_fn fn) {
    ctxt->sax->internalSubset = (internalSubsetSAXFunc)fn;
    ctxt->sax->externalSubset = NULL;
}

/* Turns off every SAX event of a fresh parser context (xmlCreateIOParserCtxt): libxml2 builds no
 * tree and calls nothing but what is set afterwards (fc_parser_set_errors, a DOCTYPE handler) and a
 * schema validator plugged in with fc_schema_plug. */
static inline void fc_parser_report_nothing(xmlParserCtxtPtr ctxt) {
    memset(ctxt->sax, 0, sizeof(xmlSAXHandler));
    ctxt->sax->initialized = XML_SAX2_MAGIC;
}

/* The collector of the parser context an error came from (see fc_schema_plug). */
static inline void *fc_error_parser_collector(const xmlError *error) {
    return (error != NULL && error->ctxt != NULL) ? ((xmlParserCtxtPtr)error->ctxt)->_private : NULL;
}

/* Where the parser stands, for a validator that has no tree to take lines from. */
static int fc_parser_locator(void *ctxt, const char **file, unsigned long *line) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)ctxt;
    *file = NULL;
    *line = (parser != NULL && parser->input != NULL && parser->input->line > 0) ? (unsigned long)parser->input->line : 0;
    return 0;
}

/* Plugs `vctxt` into the SAX stream of `ctxt` (xmlSchemaSAXPlug), so elements are validated as they
 * are parsed, located by the parser's line. The plug's handler table replaces the context's and does
 * not carry its error callback over, so `fn` is set on it again; libxml2 then passes `fn` the plug,
 * not the context, as its user pointer: `fn` finds its collector with fc_error_parser_collector.
 * Returns NULL if libxml2 refuses; undo with xmlSchemaSAXUnplug before freeing either context. */
static inline xmlSchemaSAXPlugPtr fc_schema_plug(xmlSchemaValidCtxtPtr vctxt, xmlParserCtxtPtr ctxt, fc_structured_error_fn fn) {
    xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(vctxt, &ctxt->sax, &ctxt->userData);
    if (plug == NULL) return NULL;
    ctxt->sax->serror = (xmlStructuredErrorFunc)fn;
    xmlSchemaValidateSetLocator(vctxt, fc_parser_locator, ctxt);
    return plug;
}

/* Where the parser is now, for errors the Swift side raises itself. */
static inline int fc_parser_line(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->line : 0;
}
static inline int fc_parser_column(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->col : 0;
}

static inline void fc_schema_parser_set_errors(xmlSchemaParserCtxtPtr ctxt, fc_structured_error_fn fn, void *collector) {
    xmlSchemaSetParserStructuredErrors(ctxt, (xmlStructuredErrorFunc)fn, collector);
}

static inline void fc_schema_valid_set_errors(xmlSchemaValidCtxtPtr ctxt, fc_structured_error_fn fn, void *collector) {
    xmlSchemaSetValidStructuredErrors(ctxt, (xmlStructuredErrorFunc)fn, collector);
}

static inline void fc_xpath_set_errors(xmlXPathContextPtr ctxt, fc_structured_error_fn fn, void *collector) {
    ctxt->error = (xmlStructuredErrorFunc)fn;
    ctxt->userData = collector;
}

static inline void fc_reader_set_errors(xmlTextReaderPtr reader, fc_structured_error_fn fn, void *collector) {
    xmlTextReaderSetStructuredErrorHandler(reader, (xmlStructuredErrorFunc)fn, collector);
}

/* xmlFree is a function-pointer variable, which Swift 6 cannot call safely. */
static inline void fc_xml_free(void *pointer) {
    xmlFree(pointer);
}

/* Refuses every external resource: DTDs, entities, schemas named by documents. */
static xmlParserInputPtr fc_deny_external_entity(const char *url, const char *publicID, xmlParserCtxtPtr ctxt) {
    (void)url; (void)publicID; (void)ctxt;
    return NULL;
}

static inline void fc_install_deny_all_entity_loader(void) {
    xmlSetExternalEntityLoader(fc_deny_external_entity);
}

static inline int fc_xpath_nodeset_count(xmlXPathObjectPtr object) {
    return (object != NULL && object->nodesetval != NULL) ? object->nodesetval->nodeNr : 0;
}

static inline xmlNodePtr fc_xpath_nodeset_item(xmlXPathObjectPtr object, int index) {
    return object->nodesetval->nodeTab[index];
}

#endif
