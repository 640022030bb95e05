package io.rapport.api.web;

import java.util.ArrayList;
import java.util.List;

import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.server.api.uri.UriParameter;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceFunction;
import org.apache.olingo.server.api.uri.UriResourceLambdaAll;
import org.apache.olingo.server.api.uri.UriResourceLambdaAny;
import org.apache.olingo.server.api.uri.UriResourceLambdaVariable;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourceProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

import io.rapport.core.RapportException;
import io.rapport.metadata.EntityDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates a {@code $filter} that Olingo parsed (and checked against the Edm: names, types, syntax) into the query
 * model. Values stay values — the query model binds them as parameters — so no literal ever becomes SQL text.
 */
final class ODataFilter implements ExpressionVisitor<Object> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A property of the entity being filtered, or ({@code via} not null) of the record a single-valued navigation
	 * property points at.
	 */
	private record Attribute(String name, ODataModel.Navigation via) {

		Attribute(String name) {
			this(name, null);
		}
	}

	/** A literal; {@code value} null for OData's {@code null}. */
	private record Value(Object value) {
	}

	private final ODataModel model;
	private final EntityDefinition entity;
	private final String lambdaVariable;

	private ODataFilter(ODataModel model, EntityDefinition entity, String lambdaVariable) {
		this.model = model;
		this.entity = entity;
		this.lambdaVariable = lambdaVariable;
	}

	static Criterion translate(ODataModel model, EntityDefinition entity, Expression expression) {
		return new ODataFilter(model, entity, null).criterion(expression);
	}

	private Criterion criterion(Expression expression) {
		Object result;
		try {
			result = expression.accept(this);
		} catch (ExpressionVisitException | org.apache.olingo.server.api.ODataApplicationException e) {
			throw invalid(e.getMessage());
		}
		if (result instanceof Criterion c) {
			return c;
		}
		if (result instanceof Attribute a && entity.attribute(a.name()).map(d -> d.type() == io.rapport.metadata.AttributeType.Boolean).orElse(false)) {
			return Criterion.where(a.name(), Operator.Eq, true);
		}
		throw invalid("the expression is not a condition");
	}

	static RapportException invalid(String why) {
		return new RapportException(400, "InvalidFilter", "Invalid $filter: " + why + ".",
				List.of(new RapportException.AttributeError("$filter", why)));
	}

	/** The attribute behind an Edm property: {@code _x_value} is the lookup {@code x}. */
	static String attributeName(EntityDefinition entity, String property) {
		if (property.startsWith("_") && property.endsWith("_value") && property.length() > 7) {
			String inner = property.substring(1, property.length() - 6);
			if (entity.attribute(inner).map(a -> a.type().isReference()).orElse(false)) {
				return inner;
			}
		}
		entity.requireAttribute(property);
		return property;
	}

	@Override
	public Object visitBinaryOperator(BinaryOperatorKind op, Object left, Object right) {
		if (op == BinaryOperatorKind.AND || op == BinaryOperatorKind.OR) {
			Criterion l = condition(left);
			Criterion r = condition(right);
			return op == BinaryOperatorKind.AND ? Criterion.and(l, r) : Criterion.or(l, r);
		}
		Operator operator = switch (op) {
			case EQ -> Operator.Eq;
			case NE -> Operator.Ne;
			case GT -> Operator.Gt;
			case GE -> Operator.Ge;
			case LT -> Operator.Lt;
			case LE -> Operator.Le;
			default -> throw invalid("the operator " + op.name().toLowerCase() + " is not supported");
		};
		if (left instanceof Value && right instanceof Attribute) {
			Object swap = left;
			left = right;
			right = swap;
			operator = switch (operator) {
				case Gt -> Operator.Lt;
				case Ge -> Operator.Le;
				case Lt -> Operator.Gt;
				case Le -> Operator.Ge;
				default -> operator;
			};
		}
		if (!(left instanceof Attribute a) || !(right instanceof Value v)) {
			throw invalid("a comparison needs a property on one side and a literal value on the other");
		}
		if (v.value() == null) {
			if (operator != Operator.Eq && operator != Operator.Ne) {
				throw invalid("null can only be compared with eq or ne");
			}
			return through(a, Criterion.where(a.name(), operator == Operator.Eq ? Operator.Null : Operator.NotNull));
		}
		return through(a, Criterion.where(a.name(), operator, v.value()));
	}

	@Override
	public Object visitBinaryOperator(BinaryOperatorKind op, Object left, List<Object> right) {
		if (op != BinaryOperatorKind.IN || !(left instanceof Attribute a)) {
			throw invalid("the operator " + op.name().toLowerCase() + " is not supported");
		}
		List<Object> values = new ArrayList<>();
		for (Object o : right) {
			if (!(o instanceof Value v) || v.value() == null) {
				throw invalid("in takes a list of literal values");
			}
			values.add(v.value());
		}
		return through(a, new Criterion.Condition(null, a.name(), Operator.In, values));
	}

	@Override
	public Object visitUnaryOperator(UnaryOperatorKind op, Object operand) {
		if (op == UnaryOperatorKind.NOT) {
			return new Criterion.Not(condition(operand));
		}
		throw invalid("the operator " + op.name().toLowerCase() + " is not supported");
	}

	@Override
	public Object visitMethodCall(MethodKind method, List<Object> parameters) {
		switch (method) {
			case TOLOWER, TOUPPER, TRIM -> {
				// text comparisons are case-insensitive already
				return parameters.get(0);
			}
			case CONTAINS, STARTSWITH, ENDSWITH -> {
				if (!(parameters.get(0) instanceof Attribute a) || !(parameters.get(1) instanceof Value v) || v.value() == null) {
					throw invalid(method.name().toLowerCase() + " takes a property and a text value");
				}
				Operator op = method == MethodKind.CONTAINS ? Operator.Contains
						: method == MethodKind.STARTSWITH ? Operator.BeginsWith : Operator.EndsWith;
				return through(a, Criterion.where(a.name(), op, v.value()));
			}
			default -> throw invalid("the function " + method + " is not supported");
		}
	}

	@Override
	public Object visitLiteral(Literal literal) {
		String text = literal.getText();
		EdmType type = literal.getType();
		if (type == null || "null".equals(text)) {
			return new Value(null);
		}
		if (text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
			return new Value(text.substring(1, text.length() - 1).replace("''", "'"));
		}
		String name = type.getFullQualifiedName().getFullQualifiedNameAsString();
		if (name.equals(EdmPrimitiveTypeKind.Boolean.getFullQualifiedName().getFullQualifiedNameAsString())) {
			return new Value(Boolean.parseBoolean(text));
		}
		if (text.matches("-?\\d+")) {
			try {
				return new Value(Long.parseLong(text));
			} catch (NumberFormatException e) {
				return new Value(new java.math.BigDecimal(text));
			}
		}
		if (text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?[mMdDfF]?")) {
			return new Value(new java.math.BigDecimal(text.replaceAll("[mMdDfF]$", "")));
		}
		return new Value(text);
	}

	@Override
	public Object visitMember(Member member) {
		List<UriResource> parts = member.getResourcePath().getUriResourceParts();
		if (parts.isEmpty()) {
			throw invalid("an empty property path");
		}
		UriResource first = parts.get(0);
		if (first instanceof UriResourceFunction f && parts.size() == 1) {
			return queryFunction(f);
		}
		if (first instanceof UriResourceLambdaVariable v) {
			if (!v.getVariableName().equals(lambdaVariable) || parts.size() != 2) {
				throw invalid("only properties of the lambda variable " + lambdaVariable + " may be used inside any/all");
			}
			return property(parts.get(1));
		}
		if (first instanceof UriResourceNavigation nav && parts.size() == 2
				&& (parts.get(1) instanceof UriResourceLambdaAny || parts.get(1) instanceof UriResourceLambdaAll)) {
			return lambda(nav, parts.get(1));
		}
		if (parts.size() == 1) {
			return property(first);
		}
		if (first instanceof UriResourceNavigation nav && parts.size() == 2 && parts.get(1) instanceof UriResourceProperty p
				&& p.getProperty().isPrimitive()) {
			ODataModel.Navigation n = model.navigation(entity.logicalName(), nav.getProperty().getName());
			if (n != null && !n.collection()) {
				EntityDefinition target = model.metadata().entity(n.target());
				return new Attribute(attributeName(target, p.getProperty().getName()), n);
			}
		}
		throw invalid("the path " + parts + " is not supported; filter on properties of the entity, or use any/all");
	}

	private Attribute property(UriResource part) {
		if (part instanceof UriResourceProperty p && p.getProperty().isPrimitive()) {
			return new Attribute(attributeName(entity, p.getProperty().getName()));
		}
		throw invalid("'" + part + "' is not a property that can be filtered on");
	}

	/**
	 * A condition on the record a lookup points at ({@code parentcustomerid_account/name eq 'x'}): that record exists,
	 * the caller may read it, and it matches.
	 */
	private Criterion through(Attribute a, Criterion c) {
		if (a.via() == null) {
			return c;
		}
		EntityDefinition target = model.metadata().entity(a.via().target());
		return new Criterion.Exists(target.logicalName(), target.primaryIdAttribute(), a.via().attribute(), c);
	}

	/** {@code nav/any(x: p)} is "a readable related record matching p exists"; {@code all} is "none fails p". */
	private Criterion lambda(UriResourceNavigation nav, UriResource lambda) {
		ODataModel.Navigation n = model.navigation(entity.logicalName(), nav.getProperty().getName());
		if (n == null || !n.collection() || n.attribute() == null) {
			throw invalid("any/all is supported on one-to-many navigation properties; '" + nav.getProperty().getName() + "' is not one");
		}
		EntityDefinition target = model.metadata().entity(n.target());
		String variable = lambda instanceof UriResourceLambdaAny any ? any.getLambdaVariable() : ((UriResourceLambdaAll) lambda).getLambdaVariable();
		Expression body = lambda instanceof UriResourceLambdaAny any ? any.getExpression() : ((UriResourceLambdaAll) lambda).getExpression();
		Criterion inner = body == null ? null : new ODataFilter(model, target, variable).criterion(body);
		if (lambda instanceof UriResourceLambdaAny) {
			return new Criterion.Exists(target.logicalName(), n.attribute(), entity.primaryIdAttribute(), inner);
		}
		return new Criterion.Not(new Criterion.Exists(target.logicalName(), n.attribute(), entity.primaryIdAttribute(),
				inner == null ? null : new Criterion.Not(inner)));
	}

	/** {@code Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)} and its kind. */
	private Criterion queryFunction(UriResourceFunction f) {
		String name = f.getFunction().getName();
		Operator operator = ODataModel.QUERY_FUNCTIONS.get(name);
		if (operator == null || !ODataModel.NAMESPACE.equals(f.getFunction().getNamespace())) {
			throw invalid("the function " + name + " cannot be used in a filter");
		}
		String property = null;
		List<Object> values = new ArrayList<>();
		for (UriParameter p : f.getParameters()) {
			String text = text(p);
			switch (p.getName()) {
				case "PropertyName" -> property = unquote(text);
				case "PropertyValue" -> values.add(unquote(text));
				case "PropertyValues" -> values.addAll(list(text));
				default -> throw invalid(name + " has no parameter " + p.getName());
			}
		}
		if (property == null) {
			throw invalid(name + " needs PropertyName");
		}
		String attribute = property;
		if (entity.attribute(property).isEmpty()) {
			attribute = attributeName(entity, property);
		}
		return new Criterion.Condition(null, attribute, operator, values);
	}

	private static String text(UriParameter p) {
		if (p.getText() != null) {
			return p.getText();
		}
		if (p.getExpression() instanceof Literal l) {
			return l.getText();
		}
		throw invalid("the parameter " + p.getName() + " must be a literal value");
	}

	private static String unquote(String text) {
		String t = text.trim();
		return t.length() >= 2 && t.startsWith("'") && t.endsWith("'") ? t.substring(1, t.length() - 1).replace("''", "'") : t;
	}

	private static List<Object> list(String text) {
		try {
			List<?> raw = JSON.readValue(text, List.class);
			List<Object> values = new ArrayList<>();
			raw.forEach(v -> values.add(v == null ? null : v.toString()));
			return values;
		} catch (RuntimeException e) {
			throw invalid("PropertyValues must be a list such as [\"a\",\"b\"]");
		}
	}

	private Criterion condition(Object o) {
		if (o instanceof Criterion c) {
			return c;
		}
		if (o instanceof Attribute a && entity.attribute(a.name()).map(d -> d.type() == io.rapport.metadata.AttributeType.Boolean).orElse(false)) {
			return Criterion.where(a.name(), Operator.Eq, true);
		}
		throw invalid("and/or/not need conditions on both sides");
	}

	@Override
	public Object visitLambdaExpression(String lambdaFunction, String variable, Expression expression) {
		throw invalid("lambda expressions are supported only as nav/any(x: …) or nav/all(x: …)");
	}

	@Override
	public Object visitAlias(String aliasName) {
		throw invalid("parameter aliases (" + aliasName + ") are not supported");
	}

	@Override
	public Object visitTypeLiteral(EdmType type) {
		throw invalid("type literals are not supported");
	}

	@Override
	public Object visitLambdaReference(String variableName) {
		throw invalid("lambda references are not supported");
	}

	@Override
	public Object visitEnum(EdmEnumType type, List<String> enumValues) {
		throw invalid("enumerations are not supported");
	}
}
